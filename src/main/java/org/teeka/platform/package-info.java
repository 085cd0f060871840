/**
 * What every module stands on: the database (embedded PostgreSQL or external), settings, web
 * security, languages, errors as pages and RFC 9457 problem details.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.teeka.platform;
