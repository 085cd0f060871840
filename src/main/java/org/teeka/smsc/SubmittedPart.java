package org.teeka.smsc;

import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.SubmitSm;
import org.teeka.platform.Gsm7;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * One submit_sm read the way a handset would: its concatenation header (UDH, 8- or 16-bit
 * reference) taken off and its text decoded by {@code data_coding}.
 *
 * @param reference concatenation reference; -1 when the message came whole
 * @param total how many parts the message has
 * @param sequence which part this is, from 1
 */
record SubmittedPart(String to, String from, String text, int dataCoding, int reference, int total, int sequence,
                     String teekaMessageId, String dltEntityId, String dltTemplateId) {

    static final short TEEKA_MESSAGE_ID_TAG = 0x1410;
    static final short DLT_ENTITY_ID_TAG = 0x1400;
    static final short DLT_TEMPLATE_ID_TAG = 0x1401;

    private static final byte UDHI = 0x40;

    static SubmittedPart of(SubmitSm submitSm) {
        byte[] message = submitSm.getShortMessage() == null ? new byte[0] : submitSm.getShortMessage();
        if (message.length == 0) {
            var payload = submitSm.getOptionalParameter(OptionalParameter.Tag.MESSAGE_PAYLOAD);
            if (payload instanceof OptionalParameter.OctetString octets) {
                message = octets.getValue();
            }
        }
        int reference = -1;
        int total = 1;
        int sequence = 1;
        int offset = 0;
        if ((submitSm.getEsmClass() & UDHI) != 0 && message.length > 0) {
            int headerLength = message[0] & 0xFF;
            int end = Math.min(message.length, 1 + headerLength);
            int i = 1;
            while (i + 1 < end) {
                int element = message[i] & 0xFF;
                int length = message[i + 1] & 0xFF;
                if (i + 2 + length > end) {
                    break;
                }
                if (element == 0x00 && length == 3) {
                    reference = message[i + 2] & 0xFF;
                    total = message[i + 3] & 0xFF;
                    sequence = message[i + 4] & 0xFF;
                } else if (element == 0x08 && length == 4) {
                    reference = (message[i + 2] & 0xFF) << 8 | message[i + 3] & 0xFF;
                    total = message[i + 4] & 0xFF;
                    sequence = message[i + 5] & 0xFF;
                }
                i += 2 + length;
            }
            offset = Math.min(message.length, 1 + headerLength);
        }
        int dataCoding = submitSm.getDataCoding() & 0xFF;
        return new SubmittedPart(nationalNumber(submitSm.getDestAddress()), submitSm.getSourceAddr(),
                decode(dataCoding, message, offset), dataCoding, reference, total, sequence,
                tlv(submitSm, TEEKA_MESSAGE_ID_TAG), tlv(submitSm, DLT_ENTITY_ID_TAG), tlv(submitSm, DLT_TEMPLATE_ID_TAG));
    }

    boolean whole() {
        return reference < 0 || total <= 1;
    }

    /** 91 and ten digits (or +91, 0091) is an Indian mobile: its ten digits. Anything else stays as sent. */
    static String nationalNumber(String address) {
        String digits = address == null ? "" : address.replaceFirst("^\\+", "").replaceFirst("^00", "");
        return digits.length() == 12 && digits.startsWith("91") ? digits.substring(2) : digits;
    }

    static String decode(int dataCoding, byte[] message, int offset) {
        int length = message.length - offset;
        return switch (dataCoding) {
            case 0x00 -> Gsm7.decode(message, offset, length);
            case 0x01 -> new String(message, offset, length, StandardCharsets.US_ASCII);
            case 0x03 -> new String(message, offset, length, StandardCharsets.ISO_8859_1);
            case 0x08 -> new String(message, offset, length, StandardCharsets.UTF_16BE);
            default -> HexFormat.of().formatHex(message, offset, message.length);
        };
    }

    private static String tlv(SubmitSm submitSm, short tag) {
        return submitSm.getOptionalParameter(tag) instanceof OptionalParameter.OctetString octets
                ? new String(octets.getValue(), StandardCharsets.US_ASCII).replace("\0", "")
                : null;
    }
}
