package org.teeka.cowin;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ResponseBody;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A controller of the CoWIN v2 surface: JSON bodies like a {@code @RestController}, but not one,
 * so that Teeka's own problem-details handler (which answers for {@code @RestController}s) leaves
 * its errors to {@link CowinErrors}, which speaks CoWIN's {@code {"errorCode","error"}}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
@ResponseBody
@interface CowinApi {
}
