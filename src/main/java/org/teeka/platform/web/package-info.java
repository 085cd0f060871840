/** Web plumbing shared by every page and API: languages, error pages and problem details. */
package org.teeka.platform.web;
