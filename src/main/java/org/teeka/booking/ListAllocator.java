package org.teeka.booking;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.ListAllocation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Places the people of a beneficiary list through the booking engine: a first dose at the earliest
 * free place of the list's centers ({@link Bookings#allocate}), or else their district's waitlist,
 * which books them when places appear. Everyone is told by SMS either way.
 */
@Component
class ListAllocator implements ListAllocation {

    private final Bookings bookings;
    private final Waitlist waitlist;

    ListAllocator(Bookings bookings, Waitlist waitlist) {
        this.bookings = bookings;
        this.waitlist = waitlist;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Placement> place(List<Person> people, Set<Integer> centerIds, String vaccineCode) {
        var slips = bookings.allocate(people.stream()
                .map(p -> new AllocationRequest(p.beneficiary(), p.preferredCenterId(), p.language())).toList(), centerIds, vaccineCode, 1);
        var placements = new ArrayList<Placement>(people.size());
        var waiting = new ArrayList<Beneficiary>();
        var languages = new HashMap<UUID, Locale>();
        for (int i = 0; i < people.size(); i++) {
            Beneficiary beneficiary = people.get(i).beneficiary();
            var slip = slips.get(i);
            if (slip.isPresent()) {
                placements.add(new Placement(beneficiary.id(), slip.get().center().id(), slip.get().session().date(),
                        slip.get().slot().startsAt(), slip.get().slot().endsAt()));
            } else {
                placements.add(Placement.waiting(beneficiary.id()));
                waiting.add(beneficiary);
                languages.put(beneficiary.id(), people.get(i).language());
            }
        }
        waitlist.joinAll(waiting, languages, 1, vaccineCode);
        return placements;
    }
}
