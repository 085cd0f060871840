package org.teeka.smsc;

import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.teeka.IntegrationTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The simulator spoken to directly with a jSMPP client, as any ESME would. */
@IntegrationTest
class SmscSimulatorIntegrationTests {

    @Autowired
    SmscSimulator smsc;

    @Test
    void refusesABindWithAWrongPassword() {
        var session = new SMPPSession();

        assertThatThrownBy(() -> session.connectAndBind("127.0.0.1", smsc.port(),
                new BindParameter(BindType.BIND_TX, "teeka", "wrong", "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Negative response 0000000e");
    }

    @Test
    void answersASubmitWithAnIdAndSendsItsReceiptWhenAsked() throws Exception {
        List<DeliverSm> receipts = new CopyOnWriteArrayList<>();
        SMPPSession session = bind(receipts);
        try {
            String id = session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "TEEKAS",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "916200000001", new ESMClass(), (byte) 0, (byte) 0,
                    null, null, new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0, DataCodings.ZERO, (byte) 0,
                    "Hello".getBytes(StandardCharsets.US_ASCII)).getMessageId();

            await().atMost(Duration.ofSeconds(10)).until(() -> !receipts.isEmpty());
            DeliverSm receipt = receipts.getFirst();
            assertThat(receipt.isSmscDeliveryReceipt()).isTrue();
            String text = new String(receipt.getShortMessage(), StandardCharsets.US_ASCII);
            assertThat(text).startsWith("id:" + id + " sub:001 dlvrd:001").contains("stat:DELIVRD");
            assertThat(receipt.getOptionalParameter(OptionalParameter.Receipted_message_id.class).getValueAsString()).isEqualTo(id);
            assertThat(smsc.messagesTo("6200000001", 5)).extracting(ReceivedMessage::text).contains("Hello");
        } finally {
            session.unbindAndClose();
        }
    }

    @Test
    void reassemblesUcs2PartsWithASixteenBitReference() throws Exception {
        SMPPSession session = bind(new CopyOnWriteArrayList<>());
        try {
            String[] halves = {"टीका लगवाने ", "का समय आ गया"};
            for (int i = 0; i < 2; i++) {
                byte[] text = halves[i].getBytes(StandardCharsets.UTF_16BE);
                byte[] part = new byte[7 + text.length];
                byte[] header = {0x06, 0x08, 0x04, 0x12, 0x34, 2, (byte) (i + 1)};
                System.arraycopy(header, 0, part, 0, 7);
                System.arraycopy(text, 0, part, 7, text.length);
                session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "TEEKAS",
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "916200000002", new ESMClass(0x40), (byte) 0,
                        (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.newInstance((byte) 0x08), (byte) 0, part);
            }

            List<ReceivedMessage> received = smsc.messagesTo("6200000002", 5);
            assertThat(received).first().satisfies(m -> {
                assertThat(m.text()).isEqualTo("टीका लगवाने का समय आ गया");
                assertThat(m.parts()).isEqualTo(2);
                assertThat(m.dataCoding()).isEqualTo(8);
            });
        } finally {
            session.unbindAndClose();
        }
    }

    @Test
    void rejectsTheConfiguredShareOfMessages() throws Exception {
        smsc.failureModes(SmscFailureModes.NORMAL.withRejectPercent(50));
        SMPPSession session = bind(new CopyOnWriteArrayList<>());
        try {
            int rejected = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "TEEKAS",
                            TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "916200000003", new ESMClass(), (byte) 0,
                            (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.ZERO, (byte) 0,
                            ("m" + i).getBytes(StandardCharsets.US_ASCII));
                } catch (NegativeResponseException e) {
                    assertThat(e.getCommandStatus()).isEqualTo(0x45);
                    rejected++;
                }
            }
            assertThat(rejected).isEqualTo(5);
        } finally {
            smsc.failureModes(SmscFailureModes.NORMAL);
            session.unbindAndClose();
        }
    }

    private SMPPSession bind(List<DeliverSm> receipts) throws IOException {
        var session = new SMPPSession();
        session.setMessageReceiverListener(new MessageReceiverListener() {
            @Override
            public void onAcceptDeliverSm(DeliverSm deliverSm) {
                receipts.add(deliverSm);
            }

            @Override
            public void onAcceptAlertNotification(AlertNotification alertNotification) {
            }

            @Override
            public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) {
                return null;
            }
        });
        session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TRX, "teeka", "teeka", "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null), 5_000);
        return session;
    }
}
