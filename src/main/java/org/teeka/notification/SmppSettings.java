package org.teeka.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How the SMPP gateway reaches the operator's SMSC.
 *
 * @param host SMSC host
 * @param port SMSC port; 0 means the local SMSC simulator of this process, wherever it listens
 * @param systemId SMPP system_id (at most 15 characters)
 * @param password SMPP password (at most 8 characters)
 * @param systemType SMPP system_type, often empty
 * @param sourceAddress the sender id (DLT header) the messages come from
 * @param window how many submit_sm may await their response at once
 * @param maxPerSecond submit_sm PDUs per second at most (each part of a long message is one)
 * @param enquireLinkInterval idle time after which an enquire_link checks the link
 * @param responseTimeout how long to wait for a response before the message counts as unconfirmed
 * @param reconnectMin first pause after a failed bind; it doubles up to {@code reconnectMax}
 * @param reconnectMax longest pause between binds
 * @param messageIdTag TLV tag (vendor-specific range) carrying the outbox id, 0 to leave it out
 */
@ConfigurationProperties("teeka.sms.smpp")
record SmppSettings(String host, int port, String systemId, String password, String systemType, String sourceAddress,
                    int window, int maxPerSecond, Duration enquireLinkInterval, Duration responseTimeout,
                    Duration reconnectMin, Duration reconnectMax, int messageIdTag) {

    SmppSettings {
        host = host == null || host.isBlank() ? "127.0.0.1" : host;
        systemId = systemId == null ? "teeka" : systemId;
        password = password == null ? "" : password;
        systemType = systemType == null ? "" : systemType;
        sourceAddress = sourceAddress == null || sourceAddress.isBlank() ? "TEEKAS" : sourceAddress;
        window = window <= 0 ? 50 : window;
        maxPerSecond = maxPerSecond <= 0 ? 2500 : maxPerSecond;
        enquireLinkInterval = enquireLinkInterval == null ? Duration.ofSeconds(30) : enquireLinkInterval;
        responseTimeout = responseTimeout == null ? Duration.ofSeconds(10) : responseTimeout;
        reconnectMin = reconnectMin == null ? Duration.ofMillis(500) : reconnectMin;
        reconnectMax = reconnectMax == null ? Duration.ofSeconds(30) : reconnectMax;
        if (systemId.length() > 15) {
            throw new IllegalArgumentException("teeka.sms.smpp.system-id must have at most 15 characters");
        }
        if (password.length() > 8) {
            throw new IllegalArgumentException("teeka.sms.smpp.password must have at most 8 characters");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("teeka.sms.smpp.port must be 0 to 65535");
        }
    }
}
