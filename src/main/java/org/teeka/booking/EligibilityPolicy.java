package org.teeka.booking;

import org.teeka.beneficiary.Beneficiary;
import org.teeka.session.Session;

import org.teeka.vaccine.Vaccine;

import java.util.List;
import java.util.Optional;

/**
 * One rule for who may take a place in a session for a dose. Each names its reason; the
 * engine evaluates them all in order and refuses with the first that fails.
 */
@FunctionalInterface
interface EligibilityPolicy {

    Optional<Refusal> check(Candidate candidate);

    /** What the policies look at. */
    record Candidate(Beneficiary beneficiary, Session session, Vaccine vaccine, int dose, List<PastDose> doses) {

        Optional<PastDose> previousDose() {
            return doses.stream().filter(d -> d.dose() == dose - 1).findFirst();
        }
    }

    /** The beneficiary's age this year lies in the session's age band. */
    EligibilityPolicy ageWithinSessionBand = c -> {
        int age = c.beneficiary().ageIn(c.session().date().getYear());
        boolean inBand = age >= c.session().minAge() && (c.session().maxAge() == null || age <= c.session().maxAge());
        return inBand ? Optional.empty() : Optional.of(c.session().maxAge() == null
                ? Refusal.of("booking.error.age-below", c.session().minAge())
                : Refusal.of("booking.error.age-outside", c.session().minAge(), c.session().maxAge()));
    };

    /** The vaccine takes this many doses. */
    EligibilityPolicy doseWithinSchedule = c -> c.dose() >= 1 && c.dose() <= c.vaccine().doses()
            ? Optional.empty() : Optional.of(Refusal.of("booking.error.dose-beyond-schedule", c.vaccine().name(), c.vaccine().doses()));

    /** This dose has not been given already. */
    EligibilityPolicy doseNotYetGiven = c -> c.doses().stream().anyMatch(d -> d.dose() == c.dose())
            ? Optional.of(Refusal.of("booking.error.dose-already-given", c.dose())) : Optional.empty();

    /** A later dose needs the earlier one on record. */
    EligibilityPolicy previousDoseGiven = c -> c.dose() == 1 || c.previousDose().isPresent()
            ? Optional.empty() : Optional.of(Refusal.of("booking.error.previous-dose-missing", c.dose() - 1));

    /** A later dose is the same vaccine as the first. */
    EligibilityPolicy sameVaccineAsFirstDose = c -> c.doses().stream()
            .filter(d -> d.dose() == 1).findFirst()
            .filter(first -> c.dose() > 1 && !first.vaccineCode().equals(c.session().vaccineCode()))
            .map(first -> Refusal.of("booking.error.other-vaccine", first.vaccineCode()));

    /** A later dose comes at least the vaccine's minimum interval after the previous one. */
    EligibilityPolicy minimumIntervalSincePreviousDose = c -> c.previousDose()
            .filter(previous -> c.vaccine().minIntervalDays() != null
                    && c.session().date().isBefore(previous.givenOn().plusDays(c.vaccine().minIntervalDays())))
            .map(previous -> Refusal.of("booking.error.too-early", c.vaccine().minIntervalDays(),
                    previous.givenOn().plusDays(c.vaccine().minIntervalDays()).toString()));

    List<EligibilityPolicy> ALL = List.of(doseWithinSchedule, doseNotYetGiven, previousDoseGiven, sameVaccineAsFirstDose,
            minimumIntervalSincePreviousDose, ageWithinSessionBand);

    static Optional<Refusal> firstRefusal(Candidate candidate) {
        return ALL.stream().map(policy -> policy.check(candidate)).flatMap(Optional::stream).findFirst();
    }
}
