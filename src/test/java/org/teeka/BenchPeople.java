package org.teeka;

import org.teeka.beneficiary.ReferenceId;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * People for the booking benchmarks, written straight into the database rather than registered one
 * by one (registering 20,000 would take minutes and is not what they measure): adults of Prayagraj,
 * one per mobile, each with a reference id. Used by {@code LaunchBench} and {@code GroupCommitBenchmark}.
 */
public final class BenchPeople {

    private BenchPeople() {
    }

    /** Someone registered for a benchmark. */
    public record Person(String mobile, UUID id, String reference) {
    }

    /** {@code count} people under the mobiles from {@code firstMobile} on, in one transaction on {@code db}. */
    public static List<Person> insert(Connection db, long firstMobile, int count) throws SQLException {
        var random = new SecureRandom();
        var people = new ArrayList<Person>(count);
        boolean autoCommit = db.getAutoCommit();
        db.setAutoCommit(false);
        try (var account = db.prepareStatement("insert into citizen_accounts (mobile, members) values (?, 1)");
             var person = db.prepareStatement("""
                     insert into beneficiaries (id, reference_id, mobile, name, birth_year, gender, id_type, id_last4, id_hash, pincode, district_id)
                     values (?, ?, ?, 'Bench Person', 1990, 'FEMALE', 'NPR_SMART_CARD', ?, ?, 211001, 624)""")) {
            for (int i = 0; i < count; i++) {
                var someone = new Person(String.valueOf(firstMobile + i), UUID.randomUUID(), ReferenceId.generate(random).value());
                account.setString(1, someone.mobile());
                account.addBatch();
                person.setObject(1, someone.id());
                person.setString(2, someone.reference());
                person.setString(3, someone.mobile());
                person.setString(4, someone.mobile().substring(6));
                person.setString(5, "bench-" + someone.mobile());
                person.addBatch();
                if (i % 1000 == 999) {
                    account.executeBatch();
                    person.executeBatch();
                }
                people.add(someone);
            }
            account.executeBatch();
            person.executeBatch();
            db.commit();
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(autoCommit);
        }
        return people;
    }
}
