package org.teeka.smsc;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The local SMSC simulator.
 *
 * @param enabled whether it runs (on by default, off in production)
 * @param address where it listens; loopback by default
 * @param port SMPP port; 0 picks a free one (tests)
 * @param systemId the system_id a client must bind with
 * @param password the password a client must bind with
 * @param localOnly whether its web pages answer only requests from this machine
 */
@ConfigurationProperties("teeka.smsc")
public record SmscSettings(Boolean enabled, String address, int port, String systemId, String password, Boolean localOnly) {

    public SmscSettings {
        enabled = enabled == null || enabled;
        address = address == null || address.isBlank() ? "127.0.0.1" : address;
        systemId = systemId == null ? "teeka" : systemId;
        password = password == null ? "" : password;
        localOnly = localOnly == null || localOnly;
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("teeka.smsc.port must be 0 to 65535");
        }
    }
}
