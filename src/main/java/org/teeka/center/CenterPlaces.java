package org.teeka.center;

import org.springframework.stereotype.Component;
import org.teeka.account.CenterDirectory;
import org.teeka.account.StaffScope;

import java.util.List;
import java.util.Optional;

/** Tells the account module where centers lie. */
@Component
class CenterPlaces implements CenterDirectory {

    private final Centers centers;

    CenterPlaces(Centers centers) {
        this.centers = centers;
    }

    @Override
    public Optional<Place> locate(int centerId) {
        return centers.find(centerId).map(CenterPlaces::place);
    }

    @Override
    public List<Place> visibleTo(StaffScope scope) {
        return centers.visibleTo(scope).stream().map(CenterPlaces::place).toList();
    }

    private static Place place(Center center) {
        return new Place(center.id(), center.name(), center.nameHi(), center.stateId(), center.districtId());
    }
}
