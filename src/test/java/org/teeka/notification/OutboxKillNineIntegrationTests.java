package org.teeka.notification;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.teeka.IntegrationTest;
import org.teeka.TeekaApplication;
import org.teeka.platform.EmbeddedPostgresServer;
import org.teeka.smsc.ReceivedMessage;
import org.teeka.smsc.SmscFailureModes;
import org.teeka.smsc.SmscSimulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox survives {@code kill -9}. Teeka runs as a separate JVM (the real application from
 * this class path) against its own database in the test's PostgreSQL, sending to the SMSC
 * simulator of this JVM, which keeps running. The test writes 3,000 messages to that outbox, kills
 * the process with SIGKILL twice while it is sending, and starts it again each time. At the end
 * every message reached the SMSC and its receipt the outbox row; a message may have reached the
 * SMSC twice only when an acknowledgement was lost in a kill, and then with the same outbox id.
 * The counts are printed and written to {@code target/kill-nine/report.txt}.
 */
@IntegrationTest
class OutboxKillNineIntegrationTests {

    private static final int MESSAGES = 3_000;
    private static final String SYSTEM_ID = "teeka-child";
    private static final String PASSWORD = "kill9";
    private static final Path WORK = Path.of("target", "kill-nine");

    @Autowired
    SmscSimulator smsc;

    @Autowired
    EmbeddedPostgresServer postgres;

    @Autowired
    JdbcClient jdbc;

    private Process child;

    @AfterEach
    void cleanUp() throws InterruptedException {
        smsc.failureModes(SmscFailureModes.NORMAL);
        if (child != null && child.isAlive()) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyPendingMessageReachesTheSmscAfterKillNineAndOnlyLostAcknowledgementsAreResent() throws Exception {
        String database = "kill_nine_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        jdbc.sql("create database " + database).update();
        String url = "jdbc:postgresql://127.0.0.1:" + postgres.port() + "/" + database;
        var childDb = new SingleConnectionDataSource(url, postgres.user(), postgres.password(), true);
        Flyway.configure().dataSource(childDb).locations("classpath:db/migration").load().migrate();
        var outboxDb = JdbcClient.create(childDb);
        Map<String, String> texts = enqueue(outboxDb);
        Set<String> ids = texts.keySet();

        smsc.allow(SYSTEM_ID, PASSWORD);
        // each answer takes 20 ms: at 500 messages a second some ten are always awaiting theirs
        smsc.failureModes(SmscFailureModes.NORMAL.withSlow(Duration.ofMillis(20)));
        Path dir = Files.createDirectories(WORK.resolve(database));

        List<Integer> receivedAtKill = new ArrayList<>();
        for (int kill = 1; kill <= 2; kill++) {
            int threshold = MESSAGES * kill / 3;
            child = start(url, dir, kill);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> distinctReceived(ids) >= threshold || !child.isAlive());
            assertThat(child.isAlive()).as("process %d still running (log in %s)", kill, dir).isTrue();
            child.destroyForcibly();   // SIGKILL
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).isEqualTo(137);
            receivedAtKill.add(distinctReceived(ids));
        }
        assertThat(receivedAtKill.getLast()).as("the last kill came while messages were still pending").isLessThan(MESSAGES);

        child = start(url, dir, 3);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> distinctReceived(ids) == MESSAGES || !child.isAlive());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> outboxDb.sql("select count(*) from outbox_messages where status = 'DELIVERED'").query(Integer.class).single() == MESSAGES
                        || !child.isAlive());
        child.destroy();
        child.waitFor(30, TimeUnit.SECONDS);

        List<ReceivedMessage> received = smsc.allMessages().stream()
                .filter(m -> SYSTEM_ID.equals(m.systemId()))
                .toList();
        Map<String, Long> copies = received.stream().collect(Collectors.groupingBy(ReceivedMessage::teekaMessageId, Collectors.counting()));
        long resent = copies.values().stream().filter(n -> n > 1).count();
        int duplicates = received.size() - copies.size();
        Map<String, Integer> statuses = new HashMap<>();
        outboxDb.sql("select status, count(*) from outbox_messages group by status")
                .query((rs, n) -> statuses.put(rs.getString(1), rs.getInt(2))).list();
        String report = """
                kill -9 test: %d messages in the outbox, two SIGKILLs while sending, three starts
                received by the SMSC when killed: %s
                SMSC records: %d, distinct outbox ids: %d, duplicates: %d (over %d messages), most copies of one message: %d
                outbox rows by status at the end: %s
                """.formatted(MESSAGES, receivedAtKill, received.size(), copies.size(), duplicates, resent,
                copies.values().stream().mapToLong(Long::longValue).max().orElse(0), statuses);
        System.out.println(report);
        Files.writeString(WORK.resolve("report.txt"), report);

        assertThat(copies.keySet()).as("every outbox row reached the SMSC, and nothing else did").isEqualTo(ids);
        assertThat(received).allSatisfy(m -> assertThat(m.text()).isEqualTo(texts.get(m.teekaMessageId())));
        assertThat(statuses).isEqualTo(Map.of("DELIVERED", MESSAGES));
        assertThat(duplicates).as("copies beyond the first, each a resend of the same outbox id").isLessThan(MESSAGES / 10);
        childDb.destroy();
    }

    /** Writes the messages in one statement: a tenth are OTPs (priority 0), the rest bulk (9). */
    private static Map<String, String> enqueue(JdbcClient outboxDb) {
        Map<String, String> texts = new HashMap<>();
        String[] ids = new String[MESSAGES];
        String[] mobiles = new String[MESSAGES];
        String[] bodies = new String[MESSAGES];
        String[] priorities = new String[MESSAGES];
        for (int i = 0; i < MESSAGES; i++) {
            ids[i] = UUID.randomUUID().toString();
            mobiles[i] = Long.toString(7_000_000_000L + i);
            bodies[i] = "Teeka: the appointment of Person " + i + " at CHC Phulpur on 25 Nov 2026 is cancelled.";
            priorities[i] = i % 10 == 0 ? "0" : "9";
            texts.put(ids[i], bodies[i]);
        }
        outboxDb.sql("""
                        insert into outbox_messages (id, dedupe_key, mobile, template, language, text, priority)
                        select id::uuid, 'kill-nine-' || id, mobile, 'sms.appointment-cancelled', 'en', text, priority::smallint
                        from unnest(?::text[], ?::text[], ?::text[], ?::text[]) as m(id, mobile, text, priority)""")
                .params(ids, mobiles, bodies, priorities)
                .update();
        return texts;
    }

    private int distinctReceived(Set<String> ids) {
        return (int) smsc.allMessages().stream()
                .filter(m -> SYSTEM_ID.equals(m.systemId()))
                .map(ReceivedMessage::teekaMessageId)
                .distinct()
                .count();
    }

    /** Teeka from this class path in its own JVM: external database, no simulator of its own, 500 SMS a second. */
    private Process start(String url, Path dir, int run) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), TeekaApplication.class.getName(),
                "--teeka.sms.dispatch.lease=5s",
                "--teeka.sms.smpp.response-timeout=3s",
                "--teeka.sms.smpp.max-per-second=500",
                "--teeka.sms.smpp.reconnect-max=1s");
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("run-" + run + ".log").toFile());
        Map<String, String> env = builder.environment();
        env.put("TEEKA_DB_URL", url);
        env.put("TEEKA_DB_USER", postgres.user());
        env.put("TEEKA_DB_PASSWORD", postgres.password());
        env.put("TEEKA_DB_POOL_SIZE", "5");
        // an external database means a real deployment, which must bring its certificate signing key; this one may make one
        env.put("TEEKA_CERTIFICATE_DEV_KEY", "true");
        env.put("TEEKA_DATA_DIR", dir.resolve("data").toString());
        env.put("TEEKA_DEMO", "false");
        env.put("TEEKA_SMSC_ENABLED", "false");
        env.put("TEEKA_SMPP_HOST", "127.0.0.1");
        env.put("TEEKA_SMPP_PORT", Integer.toString(smsc.port()));
        env.put("TEEKA_SMPP_SYSTEM_ID", SYSTEM_ID);
        env.put("TEEKA_SMPP_PASSWORD", PASSWORD);
        env.put("SERVER_PORT", "0");
        return builder.start();
    }
}
