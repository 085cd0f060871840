package org.teeka.booking;

import org.teeka.beneficiary.Beneficiary;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One request to book people of one mobile into a chosen session and slot, all or none, checked
 * already by the request's thread and waiting for a writer of {@link BookingQueue} to book it with
 * the other claims of its batch. Exactly one of the writer (which takes it) and the waiting
 * thread (which abandons it when its deadline passes) decides its fate.
 *
 * @param keys the idempotency key (with its {@code booking:<mobile>:} prefix) of each person, or null entries
 * @param inTransaction run with the claim's appointments inside the transaction that books them; null for none
 * @param refusedUnlessReplayed the refusal the request's thread found, to be given unless every
 *                              person's key repeats an earlier request (which then answers); null when none
 */
record BookingClaim(String mobile, List<Beneficiary> people, UUID sessionId, int slotNo, int dose, List<String> keys,
                    Appointment.Source source, Locale language, String template, Function<List<Appointment>, ?> inTransaction,
                    RuntimeException refusedUnlessReplayed, long deadlineNanos, Fate fate) {

    /** What a claim came to: its appointments (new or earlier ones) and the callback's result, or a refusal. */
    record Outcome(List<Appointment> appointments, Object result, RuntimeException refusal) {

        static Outcome booked(List<Appointment> appointments, Object result) {
            return new Outcome(List.copyOf(appointments), result, null);
        }

        static Outcome refused(RuntimeException refusal) {
            return new Outcome(List.of(), null, refusal);
        }
    }

    /** A claim's state and answer, shared between the waiting thread and the writer. */
    static final class Fate {

        private static final int PENDING = 0;
        private static final int TAKEN = 1;
        private static final int ABANDONED = 2;

        private final AtomicInteger state = new AtomicInteger(PENDING);
        final CompletableFuture<Outcome> answer = new CompletableFuture<>();

        /** The writer's: true when the claim is now the writer's to book; false when its client gave up. */
        boolean take() {
            return state.compareAndSet(PENDING, TAKEN);
        }

        /** The waiting thread's: true when no writer will ever book the claim; false when one took it. */
        boolean abandon() {
            return state.compareAndSet(PENDING, ABANDONED);
        }
    }

    boolean expired(long nowNanos) {
        return nowNanos - deadlineNanos > 0;
    }

    /** The dose's active-appointment identity of each person: who may hold only one appointment for it. */
    String holder(Beneficiary person) {
        return person.id() + ":" + dose;
    }
}
