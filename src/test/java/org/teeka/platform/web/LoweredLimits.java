package org.teeka.platform.web;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.teeka.IntegrationTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole platform with its limits lowered so that a test can reach them: two public API reads
 * and one citizen page at once, bodies of 64 KB, three seconds for a request's head, five for a
 * statement. The classes with this annotation share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(AdmissionIntegrationTests.Holding.class)
@TestPropertySource(properties = {
        "teeka.admission.classes.public-api.max-concurrent=2",
        "teeka.admission.classes.public-api.max-wait=20ms",
        "teeka.admission.classes.citizen-pages.max-concurrent=1",
        "teeka.admission.classes.citizen-pages.max-wait=0ms",
        "teeka.admission.waiting-room.recount-every=0ms",
        "teeka.admission.retry-after=3s",
        "teeka.limits.max-body-size=64KB",
        "teeka.limits.header-timeout=3s",
        "teeka.db.statement-timeout=5s"})
@interface LoweredLimits {
}
