package org.teeka;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.teeka.account.OtpLogin;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration without HTTP in front of it: the sign-in code confirmed ({@link OtpLogin#confirmDigits})
 * and the person registered under the mobile ({@link Beneficiaries#register}: the beneficiary row
 * and its SMS in the outbox), as the three requests of a registration do, on the embedded
 * PostgreSQL. Not part of the default test run: {@code mvn -B -Pbench test -Dtest=RegistrationBenchmark}
 * ({@code -Dteeka.sms.dispatch.enabled=false} leaves the SMS in the outbox).
 *
 * <p>Outside the timed window, a code is sent to each of {@code bench.people} (10,000) new mobiles
 * and read back from its SMS in the outbox, and the dispatcher sends them all. Then
 * {@code bench.clients} (64) callers confirm and register one person after another. The launch-day
 * benchmark's registration ({@code ./teeka bench registration}) measures the same over HTTP; the
 * difference between the two is what the web stack costs. The result is printed and written to
 * {@code target/benchmarks/registration.txt}; every person is asserted registered once, with their SMS.
 */
@Tag("benchmark")
@IntegrationTest
class RegistrationBenchmark {

    private static final int PEOPLE = Integer.getInteger("bench.people", 10_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 64);
    private static final Pattern CODE = Pattern.compile("^(\\d{6}) ");

    @Autowired
    OtpLogin otp;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    JdbcClient jdbc;

    @Value("${teeka.sms.dispatch.enabled}")
    boolean dispatching;

    /** A mobile with its code sent: the transaction to confirm and the six digits its SMS carried. */
    record Signing(String mobile, UUID transaction, String digits) {
    }

    @Test
    void confirmsAndRegistersWithoutHttp() throws Exception {
        String load = Files.readString(Path.of("/proc/loadavg")).strip();
        registerAll(signIn(2_000, 6_100_000_000L)); // the JIT warmed, not measured
        List<Signing> people = signIn(PEOPLE, 6_200_000_000L);
        DueSms.awaitSent(jdbc, dispatching);

        Callers.Result run = registerAll(people);

        String report = """
                Registration benchmark: code confirmed + person registered (row and SMS in the outbox), without HTTP, %d cores (Java %s, SMS dispatch %s)
                  %,d people, %d callers: %,d registered in %,d ms -> %,.0f registrations/s (target >=3,000/s)
                  CPU: %s
                  load average before: %s; after: %s
                """.formatted(Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), dispatching ? "on" : "off",
                PEOPLE, CLIENTS, run.done(), run.nanos() / 1_000_000, run.perSecond(), run.cpu(), load,
                Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.println(report);
        Files.createDirectories(Path.of("target", "benchmarks"));
        Files.writeString(Path.of("target", "benchmarks", "registration.txt"), report);

        assertThat(run.failed()).as("failed, by cause: %s", run.failures()).isZero();
        String[] mobiles = people.stream().map(Signing::mobile).toArray(String[]::new);
        assertThat(jdbc.sql("select count(distinct mobile) from beneficiaries where mobile = any(?)").param(mobiles)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        assertThat(jdbc.sql("select count(*) from beneficiaries where mobile = any(?)").param(mobiles)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        assertThat(jdbc.sql("select count(*) from outbox_messages where template = 'sms.registered' and mobile = any(?)").param(mobiles)
                .query(Long.class).single()).isEqualTo(PEOPLE);
        assertThat(jdbc.sql("select count(*) from otp_challenges where consumed_at is not null and mobile = any(?)").param(mobiles)
                .query(Long.class).single()).isEqualTo(PEOPLE);
    }

    private Callers.Result registerAll(List<Signing> people) {
        return Callers.run(CLIENTS, people, "registration", person -> {
            String mobile = otp.confirmDigits(person.transaction(), person.digits());
            beneficiaries.register(mobile, new NewBeneficiary("Bench Person", 1990, Gender.FEMALE, PhotoIdType.VOTER_ID,
                    "TK" + (char) ('A' + mobile.charAt(1) - '0') + mobile.substring(3), 624, 211001), Locale.ENGLISH);
        });
    }

    /** A code sent to each of {@code count} new mobiles from {@code firstMobile}, each from an address of its own. */
    private List<Signing> signIn(int count, long firstMobile) {
        var mobiles = new ArrayList<String>(count);
        for (int i = 0; i < count; i++) {
            mobiles.add(String.valueOf(firstMobile + i));
        }
        var transactions = new ConcurrentHashMap<String, UUID>();
        Callers.Result sent = Callers.run(CLIENTS, mobiles, "code sent", mobile ->
                transactions.put(mobile, otp.send(mobile, "10.%d.%d.%d".formatted((firstMobile / 100_000_000) % 256,
                        (Long.parseLong(mobile) / 256) % 256, Long.parseLong(mobile) % 256), Locale.ENGLISH)));
        assertThat(sent.failed()).as("codes not sent, by cause: %s", sent.failures()).isZero();
        Map<String, String> digits = new HashMap<>();
        jdbc.sql("select dedupe_key, text from outbox_messages where template = 'sms.otp' and mobile = any(?)")
                .param(mobiles.toArray(String[]::new))
                .query(rs -> {
                    Matcher code = CODE.matcher(rs.getString(2));
                    assertThat(code.find()).as(rs.getString(2)).isTrue();
                    digits.put(rs.getString(1), code.group(1));
                });
        return mobiles.stream().map(m -> new Signing(m, transactions.get(m), digits.get("otp:" + transactions.get(m)))).toList();
    }

}
