package org.teeka.smsc;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.SMPPServerSessionListener;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryAdapter;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.session.connection.Connection;
import org.jsmpp.session.connection.ServerConnection;
import org.jsmpp.session.connection.ServerConnectionFactory;
import org.jsmpp.session.connection.socket.SocketConnection;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;
import org.teeka.platform.TeekaSettings;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The local SMSC: an SMPP 3.4 server on {@code teeka.smsc.port} (loopback). See the package
 * description for what it does; {@link #failureModes(SmscFailureModes)} switches its failure
 * modes. A receipt that cannot be delivered at once (no receiving session of that system_id, or
 * a negative deliver_sm_resp) is kept and delivered again every two seconds and on the next bind,
 * as a real SMSC does.
 */
@Component
@ConditionalOnBooleanProperty(name = "teeka.smsc.enabled", matchIfMissing = true)
public class SmscSimulator implements SmartLifecycle, DisposableBean {

    /** Starts before the SMPP gateway of the same process and stops after it. */
    static final int PHASE = Integer.MAX_VALUE - 3000;
    private static final int RECEIPT_WINDOW = 100;

    private static final Logger log = LoggerFactory.getLogger(SmscSimulator.class);

    private record Receipt(String systemId, String smscMessageId, String handset, String sender, Instant submittedAt,
                           boolean delivered, String textStart) {
    }

    private final SmscSettings settings;
    private final ConfigurableEnvironment environment;
    private final Clock clock;
    private final ReceivedMessages messages;
    private final Concatenation concatenation = new Concatenation();
    private final Map<String, String> accounts = new ConcurrentHashMap<>();
    private final Map<SMPPServerSession, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, Receipt> awaitingResponse = new ConcurrentHashMap<>();
    private final Map<String, Queue<Receipt>> undeliveredReceipts = new ConcurrentHashMap<>();
    private final String idPrefix = Long.toString(System.currentTimeMillis(), 36);
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong submits = new AtomicLong();
    private final AtomicLong rejectCounter = new AtomicLong();
    private final AtomicLong undeliverableCounter = new AtomicLong();
    private final AtomicLong bindsAccepted = new AtomicLong();
    private final AtomicLong bindsRefused = new AtomicLong();
    private final AtomicLong enquireLinks = new AtomicLong();
    private final AtomicLong receiptsSent = new AtomicLong();
    private final Map<String, AtomicInteger> unanswered = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> unansweredPeak = new ConcurrentHashMap<>();
    /** Outstanding deliver_sm at most, as an SMSC keeps a window of its own. */
    private final Semaphore receiptWindow = new Semaphore(RECEIPT_WINDOW);

    private volatile SmscFailureModes modes = SmscFailureModes.NORMAL;
    private volatile SmscFailureModes httpModes = SmscFailureModes.NORMAL;
    private volatile boolean running;
    private volatile int port;
    private volatile SMPPServerSessionListener listener;
    private Thread acceptor;
    private volatile Thread redeliverer;

    SmscSimulator(SmscSettings settings, TeekaSettings teeka, JsonMapper json, ConfigurableEnvironment environment, Clock clock) {
        this.settings = settings;
        this.environment = environment;
        this.clock = clock;
        this.accounts.put(settings.systemId(), settings.password());
        this.messages = ReceivedMessages.open(teeka.dataDir().resolve("smsc").resolve("messages.jsonl"), json);
    }

    /** The SMPP port it listens on; 0 before it started. */
    public int port() {
        return port;
    }

    /** Lets another client bind too, with its own system_id (a second node, or a test's separate process). */
    public void allow(String systemId, String password) {
        accounts.put(systemId, password);
    }

    public SmscFailureModes failureModes() {
        return modes;
    }

    /** The failure modes of the HTTP submission API ({@link SmscHttpApi}). */
    public SmscFailureModes httpFailureModes() {
        return httpModes;
    }

    /** Switches failure modes of both sides, SMPP and HTTP: the whole SMSC is down, slow, ... */
    public void failureModes(SmscFailureModes modes) {
        httpFailureModes(modes);
        smppFailureModes(modes);
    }

    /** Switches failure modes of the HTTP submission API only. */
    public void httpFailureModes(SmscFailureModes modes) {
        this.httpModes = modes;
        log.info("SMSC simulator HTTP API failure modes: {}", modes);
    }

    /** Switches failure modes of the SMPP side only; going down drops every bound session at once. */
    public void smppFailureModes(SmscFailureModes modes) {
        this.modes = modes;
        log.info("SMSC simulator SMPP failure modes: {}", modes);
        if (modes.down()) {
            sessions.keySet().forEach(SMPPServerSession::close);
        } else {
            redeliverReceipts();
        }
    }

    /** The latest messages to a ten-digit mobile number, newest first. */
    public List<ReceivedMessage> messagesTo(String mobile, int limit) {
        return messages.to(mobile, limit);
    }

    /** The latest messages, newest first. */
    public List<ReceivedMessage> latestMessages(int limit) {
        return messages.latest(limit);
    }

    /** Every message received, oldest first, including those kept from earlier runs. */
    public List<ReceivedMessage> allMessages() {
        return messages.all();
    }

    public int messageCount() {
        return messages.count();
    }

    public int boundSessions() {
        return sessions.size();
    }

    public long bindsAccepted() {
        return bindsAccepted.get();
    }

    public long bindsRefused() {
        return bindsRefused.get();
    }

    public long enquireLinks() {
        return enquireLinks.get();
    }

    public long submits() {
        return submits.get();
    }

    public long receiptsSent() {
        return receiptsSent.get();
    }

    /** The most submit_sm of one system_id it held unanswered at once since the last reset. */
    public int unansweredPeak(String systemId) {
        return unansweredPeak.computeIfAbsent(systemId, k -> new AtomicInteger()).get();
    }

    public void resetUnansweredPeak(String systemId) {
        unansweredPeak.computeIfAbsent(systemId, k -> new AtomicInteger()).set(0);
    }

    @Override
    public void start() {
        try {
            var connections = new LoopbackServerConnections(InetAddress.getByName(settings.address()));
            listener = new SMPPServerSessionListener(settings.port(), connections);
            port = connections.boundPort;
        } catch (IOException e) {
            throw new IllegalStateException("The SMSC simulator cannot listen on " + settings.address() + ":" + settings.port()
                    + " (" + e.getMessage() + "); set TEEKA_SMSC_PORT to a free port or TEEKA_SMSC_ENABLED=false", e);
        }
        // enough threads that a slow answer holds up only its own message, up to any client's window
        listener.setPduProcessorDegree(64);
        listener.setQueueCapacity(5000);
        listener.setMessageReceiverListener(new Handler());
        listener.setResponseDeliveryListener(new ServerResponseDeliveryAdapter() {
            @Override
            public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession source) {
                Receipt receipt = awaitingResponse.remove(result.getMessageId());
                if (receipt != null) {
                    Thread.ofVirtual().name("smsc-receipt").start(() -> deliver(receipt, source));
                }
            }

            @Override
            public void onSubmitSmRespError(SubmitSmResult result, Exception cause, SMPPServerSession source) {
                awaitingResponse.remove(result.getMessageId());
            }
        });
        environment.getPropertySources().addFirst(new MapPropertySource("smscSimulator", Map.of("local.smsc.port", port)));
        running = true;
        SMPPServerSessionListener accepting = listener;
        acceptor = Thread.ofPlatform().name("smsc-acceptor").daemon().start(() -> acceptLoop(accepting));
        // assigned before it runs: the thread checks that it is still the current one
        redeliverer = Thread.ofVirtual().name("smsc-receipt-redelivery").unstarted(this::redeliveryLoop);
        redeliverer.start();
        log.info("Local SMSC simulator (SMPP 3.4) listening on {}:{}, messages kept in {}", settings.address(), port,
                "smsc/messages.jsonl under the data directory");
    }

    @Override
    public void stop() {
        running = false;
        try {
            if (listener != null) {
                listener.close();
            }
        } catch (IOException e) {
            log.debug("Closing the SMSC listener: {}", e.getMessage());
        }
        sessions.keySet().forEach(SMPPServerSession::close);
        if (redeliverer != null) {
            redeliverer.interrupt();
        }
    }

    /** The message file stays open while the context is stopped (a test context is paused and resumed). */
    @Override
    public void destroy() {
        messages.close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void acceptLoop(SMPPServerSessionListener accepting) {
        while (running && listener == accepting) {
            try {
                SMPPServerSession session = accepting.accept();
                Thread.ofVirtual().name("smsc-bind").start(() -> bind(session));
            } catch (IOException e) {
                if (running && listener == accepting) {
                    log.warn("SMSC simulator accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void bind(SMPPServerSession session) {
        try {
            BindRequest request = session.waitForBind(5_000);
            if (modes.down()) {
                refuse(session, request, SMPPConstant.STAT_ESME_RBINDFAIL);
                return;
            }
            if (!request.getPassword().equals(accounts.get(request.getSystemId()))) {
                log.warn("SMSC simulator refused a bind as {}: wrong system_id or password", request.getSystemId());
                refuse(session, request, SMPPConstant.STAT_ESME_RINVPASWD);
                return;
            }
            sessions.put(session, request.getSystemId());
            session.addSessionStateListener((newState, oldState, source) -> {
                if (newState == SessionState.CLOSED) {
                    sessions.remove(session);
                }
            });
            request.accept("TEEKA-SMSC", InterfaceVersion.IF_34);
            bindsAccepted.incrementAndGet();
            log.info("SMSC simulator: {} bound ({})", request.getSystemId(), request.getBindType());
            redeliverReceipts();
        } catch (TimeoutException e) {
            log.debug("No bind within 5 s; connection closed");
        } catch (IOException | PDUStringException | IllegalStateException e) {
            log.debug("Bind failed: {}", e.getMessage());
            sessions.remove(session);
            session.close();
        }
    }

    /**
     * Answers the bind with an error and closes the connection a moment later: closed at once, the
     * socket would be reset and the client might never read the answer.
     */
    private void refuse(SMPPServerSession session, BindRequest request, int status) throws IOException {
        bindsRefused.incrementAndGet();
        request.reject(status);
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        session.close();
    }

    private void deliver(Receipt receipt, SMPPServerSession preferred) {
        SMPPServerSession target = receiving(receipt.systemId(), preferred);
        if (target == null || !send(receipt, target)) {
            undeliveredReceipts.computeIfAbsent(receipt.systemId(), k -> new ConcurrentLinkedQueue<>()).add(receipt);
        }
    }

    private SMPPServerSession receiving(String systemId, SMPPServerSession preferred) {
        if (preferred != null && sessions.containsKey(preferred) && preferred.getSessionState().isReceivable()) {
            return preferred;
        }
        return sessions.entrySet().stream()
                .filter(e -> e.getValue().equals(systemId) && e.getKey().getSessionState().isReceivable())
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null);
    }

    private boolean send(Receipt receipt, SMPPServerSession session) {
        if (!modes.receipts() || modes.down()) {
            return false;
        }
        DeliveryReceiptState state = receipt.delivered() ? DeliveryReceiptState.DELIVRD : DeliveryReceiptState.UNDELIV;
        try {
            receiptWindow.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        var text = new DeliveryReceipt(receipt.smscMessageId(), 1, receipt.delivered() ? 1 : 0,
                Date.from(receipt.submittedAt()), Date.from(clock.instant()), state, receipt.delivered() ? "000" : "001",
                receipt.textStart());
        try {
            session.deliverShortMessage("",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "91" + receipt.handset(),
                    TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, receipt.sender(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    text.toString().getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.Receipted_message_id(receipt.smscMessageId()),
                    new OptionalParameter.Message_state((receipt.delivered() ? MessageState.DELIVERED : MessageState.UNDELIVERABLE).value()));
            receiptsSent.incrementAndGet();
            return true;
        } catch (Exception e) {
            log.debug("Receipt {} not delivered now: {}", receipt.smscMessageId(), e.getMessage());
            return false;
        } finally {
            receiptWindow.release();
        }
    }

    private void redeliveryLoop() {
        while (running && redeliverer == Thread.currentThread()) {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                return;
            }
            redeliverReceipts();
        }
    }

    private synchronized void redeliverReceipts() {
        for (var entry : undeliveredReceipts.entrySet()) {
            Queue<Receipt> waiting = entry.getValue();
            List<Receipt> failed = new ArrayList<>();
            Receipt receipt;
            while ((receipt = waiting.poll()) != null) {
                SMPPServerSession target = receiving(entry.getKey(), null);
                if (target == null || !send(receipt, target)) {
                    failed.add(receipt);
                    if (target == null) {
                        break;
                    }
                }
            }
            waiting.addAll(failed);
        }
    }

    /** Applies a share evenly: true for {@code percent} of the calls. */
    static boolean share(AtomicLong counter, int percent) {
        if (percent <= 0) {
            return false;
        }
        long n = counter.incrementAndGet();
        return n * percent / 100 != (n - 1) * percent / 100;
    }

    /** Whether a client may submit with this user name and password (the accounts SMPP binds use). */
    boolean accountMatches(String systemId, String password) {
        String expected = systemId == null ? null : accounts.get(systemId);
        return expected != null && password != null
                && java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }

    /** The system_id the simulator's own account has (the default one). */
    String defaultSystemId() {
        return settings.systemId();
    }

    /** Keeps a message that came in another way than SMPP (the HTTP API) in the same store. */
    void record(ReceivedMessage message) {
        messages.append(message);
    }

    Clock clock() {
        return clock;
    }

    String nextMessageId() {
        return idPrefix + "-" + Long.toString(ids.incrementAndGet(), 36);
    }

    private final class Handler implements ServerMessageReceiverListener {

        @Override
        public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession source) throws ProcessRequestException {
            String systemId = sessions.getOrDefault(source, settings.systemId());
            int held = unanswered.computeIfAbsent(systemId, k -> new AtomicInteger()).incrementAndGet();
            unansweredPeak.computeIfAbsent(systemId, k -> new AtomicInteger()).accumulateAndGet(held, Math::max);
            try {
                return accept(submitSm, source, systemId);
            } finally {
                unanswered.get(systemId).decrementAndGet();
            }
        }

        private SubmitSmResult accept(SubmitSm submitSm, SMPPServerSession source, String systemId) throws ProcessRequestException {
            submits.incrementAndGet();
            SmscFailureModes current = modes;
            if (current.down()) {
                throw new ProcessRequestException("the SMSC is down", SMPPConstant.STAT_ESME_RSYSERR);
            }
            if (!current.slow().isZero()) {
                try {
                    Thread.sleep(current.slow());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (share(rejectCounter, current.rejectPercent())) {
                throw new ProcessRequestException("rejected by the simulator", SMPPConstant.STAT_ESME_RSUBMITFAIL);
            }
            SubmittedPart part = SubmittedPart.of(submitSm);
            String id = nextMessageId();
            Instant now = clock.instant();
            concatenation.add(systemId, part, id, now).ifPresent(messages::append);
            if ((submitSm.getRegisteredDelivery() & 0x03) != 0 && current.receipts()) {
                boolean delivered = !share(undeliverableCounter, current.undeliverablePercent());
                String start = part.text().length() > 20 ? part.text().substring(0, 20) : part.text();
                awaitingResponse.put(id, new Receipt(systemId, id, part.to(), part.from(), now, delivered,
                        StandardCharsets.US_ASCII.newEncoder().canEncode(start) ? start : ""));
            }
            try {
                return new SubmitSmResult(new MessageId(id), new OptionalParameter[0]);
            } catch (PDUStringException e) {
                throw new ProcessRequestException("message id " + id, SMPPConstant.STAT_ESME_RSYSERR);
            }
        }

        @Override
        public void onAcceptEnquireLink(EnquireLink enquireLink, Session source) {
            enquireLinks.incrementAndGet();
        }

        @Override
        public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("submit_multi");
        }

        @Override
        public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("query_sm");
        }

        @Override
        public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("replace_sm");
        }

        @Override
        public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("cancel_sm");
        }

        @Override
        public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("broadcast_sm");
        }

        @Override
        public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("cancel_broadcast_sm");
        }

        @Override
        public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm, SMPPServerSession source) throws ProcessRequestException {
            throw unsupported("query_broadcast_sm");
        }

        @Override
        public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
            throw unsupported("data_sm");
        }

        private ProcessRequestException unsupported(String command) {
            return new ProcessRequestException(command + " is not supported by the simulator", SMPPConstant.STAT_ESME_RINVCMDID);
        }
    }

    /** Listens on one address only (loopback by default), with Nagle off on every accepted connection. */
    private static final class LoopbackServerConnections implements ServerConnectionFactory {

        private final InetAddress address;
        private int boundPort;

        LoopbackServerConnections(InetAddress address) {
            this.address = address;
        }

        @Override
        public ServerConnection listen(int port) throws IOException {
            return listen(port, 0, 200);
        }

        @Override
        public ServerConnection listen(int port, int timeout) throws IOException {
            return listen(port, timeout, 200);
        }

        @Override
        public ServerConnection listen(int port, int timeout, int backlog) throws IOException {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), backlog);
            socket.setSoTimeout(timeout);
            boundPort = socket.getLocalPort();
            return new ServerConnection() {
                @Override
                public Connection accept() throws IOException {
                    var accepted = socket.accept();
                    accepted.setTcpNoDelay(true);
                    return new SocketConnection(accepted);
                }

                @Override
                public void setSoTimeout(int soTimeout) throws IOException {
                    socket.setSoTimeout(soTimeout);
                }

                @Override
                public int getSoTimeout() throws IOException {
                    return socket.getSoTimeout();
                }

                @Override
                public void close() throws IOException {
                    socket.close();
                }
            };
        }
    }
}
