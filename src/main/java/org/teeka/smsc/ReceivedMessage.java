package org.teeka.smsc;

import java.time.Instant;

/**
 * One message as the SMSC received it, its parts put back together.
 *
 * @param id the SMSC message id of its first part
 * @param to the mobile number: ten digits when the address was an Indian one (91 and ten digits)
 * @param from the sender id
 * @param text the decoded text
 * @param parts how many submit_sm carried it
 * @param dataCoding 0 GSM-7, 8 UCS-2, ...
 * @param teekaMessageId the outbox id Teeka sent along (TLV 0x1410); a resend carries the same
 * @param dltEntityId DLT principal entity id (TLV 0x1400)
 * @param dltTemplateId DLT template id (TLV 0x1401)
 * @param systemId the system_id of the session it came over
 * @param receivedAt when its last part arrived
 * @param gateway how it came in: {@code smpp} or {@code http} (the simulator's HTTP submission API);
 *                lines written before the HTTP API existed have none and were SMPP
 */
public record ReceivedMessage(String id, String to, String from, String text, int parts, int dataCoding,
                              String teekaMessageId, String dltEntityId, String dltTemplateId, String systemId,
                              Instant receivedAt, String gateway) {

    public static final String SMPP = "smpp";
    public static final String HTTP = "http";

    public ReceivedMessage {
        gateway = gateway == null || gateway.isBlank() ? SMPP : gateway;
    }

    /** A message that came over SMPP. */
    public ReceivedMessage(String id, String to, String from, String text, int parts, int dataCoding,
                           String teekaMessageId, String dltEntityId, String dltTemplateId, String systemId,
                           Instant receivedAt) {
        this(id, to, from, text, parts, dataCoding, teekaMessageId, dltEntityId, dltTemplateId, systemId, receivedAt, SMPP);
    }
}
