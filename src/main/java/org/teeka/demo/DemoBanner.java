package org.teeka.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Prints where Teeka answers and the demo logins, once it is ready. */
@Component
@ConditionalOnProperty(name = "teeka.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoBanner {

    private final Environment environment;

    DemoBanner(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
        var banner = new StringBuilder()
                .append("\n\n  Teeka is ready at http://localhost:").append(port).append("/\n")
                .append("  Staff console:   http://localhost:").append(port).append("/staff\n");
        String smscPort = environment.getProperty("local.smsc.port");
        if (smscPort != null) {
            banner.append("  SMS sent:        http://localhost:").append(port).append("/smsc  (local SMSC, SMPP port ")
                    .append(smscPort).append(")\n");
        }
        banner.append("  Demo logins (password for all: ").append(DemoData.PASSWORD).append("):\n");
        for (var login : DemoData.LOGINS) {
            banner.append(String.format("    %-22s %s%n", login.username(), login.role()));
        }
        System.out.println(banner);
    }
}
