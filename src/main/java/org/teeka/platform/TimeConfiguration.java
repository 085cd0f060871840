package org.teeka.platform;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.ZoneId;

/** The programme runs on Indian Standard Time: "today" at a center is today in India. */
@Configuration(proxyBeanMethods = false)
class TimeConfiguration {

    static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    @Bean
    Clock clock() {
        return Clock.system(INDIA);
    }
}
