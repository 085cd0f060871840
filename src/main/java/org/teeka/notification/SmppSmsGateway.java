package org.teeka.notification;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.jsmpp.DefaultPDUReader;
import org.jsmpp.DefaultPDUSender;
import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.SynchronizedPDUSender;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DefaultComposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * SMS over SMPP 3.4 (jSMPP): one transceiver session to the SMSC, bound with the configured
 * system_id and password and kept bound (enquire_link when idle, reconnect with a backoff that
 * doubles up to a limit). At most {@code window} submit_sm await their response at once, and at
 * most {@code max-per-second} are sent a second. Each submit_sm names the DLT entity and template
 * and carries the outbox id. Long messages go as parts with a concatenation header; only the last
 * part asks for a delivery receipt, and its SMSC message id is the one returned, so one receipt
 * settles one message. Receipts are handed to {@link DeliveryReceipts} and acknowledged once
 * written.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.sms.dispatch.enabled", matchIfMissing = true)
class SmppSmsGateway implements SmsGateway, SmartLifecycle {

    /** Starts after the local SMSC simulator, stops before it; the dispatcher stops first. */
    static final int PHASE = Integer.MAX_VALUE - 2000;

    private static final Logger log = LoggerFactory.getLogger(SmppSmsGateway.class);

    private final SmppSettings settings;
    private final DltTemplates dlt;
    private final DeliveryReceipts receipts;
    private final Environment environment;
    private final Semaphore window;
    private final Bucket rate;
    private final AtomicInteger references = new AtomicInteger();
    private final AtomicLong binds = new AtomicLong();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition linkLost = lock.newCondition();

    private volatile SMPPSession session;
    private volatile boolean running;
    private volatile Thread connector;

    SmppSmsGateway(SmppSettings settings, DltTemplates dlt, DeliveryReceipts receipts, Environment environment) {
        this.settings = settings;
        this.dlt = dlt;
        this.receipts = receipts;
        this.environment = environment;
        this.window = new Semaphore(settings.window(), true);
        int burst = Math.max(1, settings.maxPerSecond() / 20);
        this.rate = Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(settings.maxPerSecond(), Duration.ofSeconds(1)).build())
                .build();
    }

    @Override
    public boolean ready() {
        SMPPSession current = session;
        return current != null && current.getSessionState().isBound();
    }

    /** How many times a session was bound since start. */
    long binds() {
        return binds.get();
    }

    @Override
    public String send(OutgoingSms sms) throws SmsNotSentException {
        SMPPSession current = session;
        if (current == null || !current.getSessionState().isTransmittable()) {
            throw new SmsNotSentException(SmsNotSentException.Outcome.NOT_SENT, "no SMPP session is bound");
        }
        SmsSegments segments = SmsSegments.of(sms.text(), references.getAndIncrement() & 0xFF);
        OptionalParameter[] tlvs = tlvs(sms);
        String smscMessageId = null;
        List<byte[]> parts = segments.parts();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            // once a part has left, the message may be on the handset: a later failure is not "never sent"
            SmsNotSentException.Outcome lost = i == 0 ? SmsNotSentException.Outcome.NOT_SENT : SmsNotSentException.Outcome.UNCONFIRMED;
            try {
                rate.asBlocking().consume(1);
                window.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SmsNotSentException(lost, "interrupted while waiting to send", e);
            }
            try {
                smscMessageId = current.submitShortMessage("",
                        TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, settings.sourceAddress(),
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "91" + sms.mobile(),
                        new ESMClass(segments.concatenated() ? 0x40 : 0x00), (byte) 0, (byte) (sms.priority() == 0 ? 1 : 0),
                        null, null,
                        new RegisteredDelivery(last ? SMSCDeliveryReceipt.SUCCESS_FAILURE : SMSCDeliveryReceipt.DEFAULT),
                        (byte) 0, DataCodings.newInstance(segments.dataCoding()), (byte) 0, parts.get(i), tlvs).getMessageId();
            } catch (NegativeResponseException e) {
                throw new SmsNotSentException(SmsNotSentException.Outcome.REJECTED,
                        "submit_sm_resp " + String.format("0x%08X", e.getCommandStatus()), e);
            } catch (ResponseTimeoutException e) {
                throw new SmsNotSentException(SmsNotSentException.Outcome.UNCONFIRMED,
                        "no submit_sm_resp within " + settings.responseTimeout().toMillis() + " ms", e);
            } catch (IOException e) {
                // jSMPP throws IOException only before or while writing the PDU, never after it left
                throw new SmsNotSentException(lost, "SMPP link: " + e.getMessage(), e);
            } catch (PDUException | InvalidResponseException e) {
                throw new SmsNotSentException(SmsNotSentException.Outcome.REJECTED, "SMPP: " + e.getMessage(), e);
            } finally {
                window.release();
            }
        }
        return smscMessageId;
    }

    private OptionalParameter[] tlvs(OutgoingSms sms) {
        List<OptionalParameter> tlvs = new ArrayList<>(3);
        tlvs.add(new OptionalParameter.OctetString((short) dlt.entityIdTag(), dlt.entityId()));
        tlvs.add(new OptionalParameter.OctetString((short) dlt.templateIdTag(), dlt.templateId(sms.template(), sms.language())));
        if (settings.messageIdTag() != 0) {
            tlvs.add(new OptionalParameter.OctetString((short) settings.messageIdTag(), sms.id().toString()));
        }
        return tlvs.toArray(OptionalParameter[]::new);
    }

    @Override
    public void start() {
        running = true;
        // assigned before it runs: the thread checks that it is still the current one
        connector = Thread.ofVirtual().name("smpp-connector").unstarted(this::keepBound);
        connector.start();
    }

    @Override
    public void stop() {
        running = false;
        lock.lock();
        try {
            linkLost.signalAll();
        } finally {
            lock.unlock();
        }
        Thread stopping = connector;
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        SMPPSession current = session;
        if (current != null) {
            current.unbindAndClose();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void keepBound() {
        Duration pause = settings.reconnectMin();
        while (running && connector == Thread.currentThread()) {
            SMPPSession current = session;
            if (current != null && current.getSessionState().isBound()) {
                awaitLinkLost();
                continue;
            }
            if (current != null) {
                current.close();
            }
            try {
                session = bind();
                binds.incrementAndGet();
                pause = settings.reconnectMin();
            } catch (IOException e) {
                log.warn("SMPP bind to {}:{} failed: {}; next try in {} ms", settings.host(), port(), e.getMessage(), pause.toMillis());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(settings.reconnectMax()) > 0 ? settings.reconnectMax() : pause.multipliedBy(2);
            }
        }
    }

    private void awaitLinkLost() {
        lock.lock();
        try {
            linkLost.await(1, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private SMPPSession bind() throws IOException {
        int port = port();
        if (port <= 0) {
            throw new IOException("the local SMSC simulator is not listening yet");
        }
        var smpp = new SMPPSession(new SynchronizedPDUSender(new DefaultPDUSender(new DefaultComposer())),
                new DefaultPDUReader(), new NoDelayConnections((int) settings.responseTimeout().toMillis()));
        // receipts hold a PDU thread until they are committed; enough threads keep submit_sm_resp from queueing behind them
        smpp.setPduProcessorDegree(Math.max(16, settings.window()));
        smpp.setQueueCapacity(Math.max(1000, settings.window() * 4));
        smpp.setTransactionTimer(settings.responseTimeout().toMillis());
        smpp.setEnquireLinkTimer((int) settings.enquireLinkInterval().toMillis());
        smpp.setMessageReceiverListener(new ReceiptListener());
        smpp.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                log.info("SMPP session {} closed", source.getSessionId());
                lock.lock();
                try {
                    linkLost.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        });
        String smsc = smpp.connectAndBind(settings.host(), port, new BindParameter(BindType.BIND_TRX, settings.systemId(),
                settings.password(), settings.systemType(), TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null),
                settings.responseTimeout().toMillis());
        log.info("SMPP transceiver bound to {} at {}:{} as {}", smsc, settings.host(), port, settings.systemId());
        return smpp;
    }

    /** The configured port, or with 0 the port the local SMSC simulator of this process listens on. */
    private int port() {
        return settings.port() != 0 ? settings.port() : environment.getProperty("local.smsc.port", Integer.class, 0);
    }

    /** Receipts in, acknowledged once written; anything else an SMSC may deliver is acknowledged and ignored. */
    private final class ReceiptListener implements MessageReceiverListener {

        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
            if (!deliverSm.isSmscDeliveryReceipt()) {
                return;
            }
            String id;
            String state;
            try {
                DeliveryReceipt receipt = deliverSm.getShortMessageAsDeliveryReceipt();
                var receipted = deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
                id = receipted != null ? receipted.getValueAsString() : receipt.getId();
                state = receipt.getFinalStatus().name();
            } catch (Exception e) {
                log.warn("Unreadable delivery receipt ignored: {}", e.getMessage());
                return;
            }
            if (!DeliveryReceipts.FINAL_STATES.contains(state)) {
                return;
            }
            try {
                receipts.record(id, state);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessRequestException("interrupted", SMPPConstant.STAT_ESME_RX_T_APPN);
            } catch (RuntimeException e) {
                // a temporary error makes the SMSC deliver the receipt again later
                throw new ProcessRequestException("receipt not stored: " + e.getMessage(), SMPPConstant.STAT_ESME_RX_T_APPN);
            }
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) throws ProcessRequestException {
            throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    /** Plain sockets with Nagle off (small PDUs must not wait for delayed ACKs) and a connect timeout. */
    private record NoDelayConnections(int connectTimeoutMillis) implements ConnectionFactory {

        @Override
        public Connection createConnection(String host, int port) throws IOException {
            var socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new SocketConnection(socket);
        }
    }
}
