package org.teeka.platform.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/**
 * Links in pages are written as they are. Spring Boot registers {@link ResourceUrlEncodingFilter}
 * because the WebJars locator turns the resource chain on (versionless {@code /webjars/...} paths),
 * and that filter looks up every link a page renders ({@code @{...}}) in four classpath locations
 * to rewrite it, finding nothing for any link but a static file's, and caching no miss. Teeka uses
 * no versioning strategy, so the rewrite never changes a link, yet in a JFR profile of the citizen
 * search page at 50/s it took 83% of the page's CPU. A disabled registration makes Boot's back off;
 * the WebJars resolver, which serves {@code /webjars/**}, stays.
 */
@Configuration(proxyBeanMethods = false)
class ResourceLinks {

    @Bean
    FilterRegistrationBean<ResourceUrlEncodingFilter> resourceUrlEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new ResourceUrlEncodingFilter());
        registration.setEnabled(false);
        return registration;
    }
}
