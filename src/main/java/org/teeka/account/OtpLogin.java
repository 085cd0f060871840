package org.teeka.account;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.notification.Outbox;
import org.teeka.notification.Priority;
import org.teeka.notification.Sms;
import org.teeka.platform.Secrets;
import org.teeka.platform.TooManyRequestsException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Citizen sign-in with a one-time code sent by SMS. The code is six digits from a CSPRNG, kept
 * only as a keyed hash, valid for a short time, usable once and open to a few guesses. Asking for
 * a code gives the same answer for every valid mobile, known or not.
 */
@Service
public class OtpLogin {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ZoneId INDIA = ZoneId.of("Asia/Kolkata");

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Outbox outbox;
    private final Secrets secrets;
    private final OtpSettings settings;
    private final Clock clock;

    OtpLogin(JdbcClient jdbc, TransactionTemplate transaction, Outbox outbox, Secrets secrets, OtpSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.outbox = outbox;
        this.secrets = secrets;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Sends a new code to the mobile and returns the transaction id the code must be confirmed
     * with. The code's SMS is in the outbox when this returns.
     */
    public UUID send(String mobile, String clientIp, Locale language) {
        if (mobile == null || !mobile.matches("[6-9][0-9]{9}")) {
            throw new OtpRefusedException(HttpStatus.BAD_REQUEST, "otp.error.mobile-invalid");
        }
        return transaction.execute(status -> {
            // one code at a time per mobile, even when two requests race
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param("otp:" + mobile).query(rs -> { });
            Instant now = clock.instant();
            Instant dayStart = OffsetDateTime.ofInstant(now, INDIA).toLocalDate().atStartOfDay(INDIA).toInstant();
            var last = jdbc.sql("select max(created_at) from otp_challenges where mobile = ?").param(mobile)
                    .query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
            if (last.isPresent() && last.get().plus(settings.resendCooldown()).isAfter(now)) {
                throw new TooManyRequestsException("otp.error.cooldown", Duration.between(now, last.get().plus(settings.resendCooldown())));
            }
            Duration untilTomorrow = Duration.between(now, dayStart.plus(Duration.ofDays(1)));
            if (count("mobile = ?", mobile, dayStart, settings.perMobilePerDay()) >= settings.perMobilePerDay()) {
                throw new TooManyRequestsException("otp.error.daily-limit", untilTomorrow);
            }
            if (clientIp != null && count("client_ip = ?", clientIp, dayStart, settings.perIpPerDay()) >= settings.perIpPerDay()) {
                throw new TooManyRequestsException("otp.error.daily-limit", untilTomorrow);
            }
            UUID id = UUID.randomUUID();
            String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
            jdbc.sql("""
                            insert into otp_challenges (id, mobile, code_hash, expires_at, client_ip, created_at)
                            values (?, ?, ?, ?, ?, ?)""")
                    .params(id, mobile, codeHash(id, sha256(code)), OffsetDateTime.ofInstant(now.plus(settings.validity()), INDIA),
                            clientIp, OffsetDateTime.ofInstant(now, INDIA))
                    .update();
            outbox.enqueue(new Sms(mobile, "sms.otp", language, List.of(code, settings.validity().toMinutes()),
                    "otp:" + id, Priority.TIME_CRITICAL));
            return id;
        });
    }

    /** Confirms the six digits the citizen typed; returns their mobile. */
    public String confirmDigits(UUID transactionId, String digits) {
        if (digits == null || !digits.strip().matches("[0-9]{6}")) {
            throw new OtpRefusedException(HttpStatus.BAD_REQUEST, "otp.error.format");
        }
        return confirm(transactionId, sha256(digits.strip()));
    }

    /**
     * Confirms a code given as the SHA-256 hex of its six digits (how CoWIN clients send it);
     * returns the mobile it was sent to. Every guess counts, right or wrong, and is kept even
     * when this throws.
     */
    public String confirm(UUID transactionId, String codeSha256) {
        record Challenge(String mobile, String codeHash, int attempts) {
        }
        String given = codeHash(transactionId, codeSha256 == null ? "" : codeSha256.strip().toLowerCase(Locale.ROOT));
        // one transaction, one commit: the guess is counted and, when right, the code used up together
        record Outcome(Challenge challenge, boolean right) {
        }
        Outcome outcome = transaction.execute(status -> {
            var challenge = jdbc.sql("""
                            update otp_challenges set attempts = attempts + 1
                            where id = ? and consumed_at is null and expires_at > ? and attempts < ?
                            returning mobile, code_hash, attempts""")
                    .params(transactionId, OffsetDateTime.ofInstant(clock.instant(), INDIA), settings.maxAttempts())
                    .query(Challenge.class).optional();
            if (challenge.isEmpty()) {
                return null;
            }
            boolean right = MessageDigest.isEqual(given.getBytes(StandardCharsets.US_ASCII),
                    challenge.get().codeHash().getBytes(StandardCharsets.US_ASCII));
            if (right) {
                // the row is locked by the update above, so no one else can use the code meanwhile
                jdbc.sql("update otp_challenges set consumed_at = now() where id = ?").param(transactionId).update();
            }
            return new Outcome(challenge.get(), right);
        });
        if (outcome == null) {
            throw new OtpRefusedException(HttpStatus.UNAUTHORIZED, "otp.error.expired");
        }
        if (!outcome.right()) {
            int left = settings.maxAttempts() - outcome.challenge().attempts();
            throw left > 0
                    ? new OtpRefusedException(HttpStatus.UNAUTHORIZED, "otp.error.wrong", left)
                    : new OtpRefusedException(HttpStatus.UNAUTHORIZED, "otp.error.expired");
        }
        return outcome.challenge().mobile().strip();
    }

    /** How many codes matching the condition were asked since then, counted no further than {@code upTo} (the quota). */
    private int count(String condition, String value, Instant since, int upTo) {
        // bounded: an address behind which a whole city asks (a carrier's NAT) must not make every ask scan its day
        return jdbc.sql("select count(*) from (select 1 from otp_challenges where " + condition + " and created_at >= ? limit ?) c")
                .params(value, OffsetDateTime.ofInstant(since, INDIA), upTo).query(Integer.class).single();
    }

    private String codeHash(UUID id, String codeSha256) {
        return secrets.hmac(id + ":" + codeSha256);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
