package org.teeka.certificate;

import org.springframework.stereotype.Component;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.Geography;
import org.teeka.vaccine.VaccineCatalog;

import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A dose's vaccine and place in the reader's language. The credential carries English names; the
 * catalogues hold the Hindi ones. Where a catalogue no longer knows one, the credential's is shown.
 * Pages call it as {@code @certificateNames}.
 */
@Component("certificateNames")
public class CertificateNames {

    private final VaccineCatalog vaccines;
    private final Centers centers;
    private final Geography geography;

    CertificateNames(VaccineCatalog vaccines, Centers centers, Geography geography) {
        this.vaccines = vaccines;
        this.centers = centers;
        this.geography = geography;
    }

    public String vaccine(CertificateContent.Dose dose, Locale locale) {
        return vaccines.find(dose.vaccineCode()).map(v -> v.name(locale)).orElse(dose.vaccine());
    }

    /** Center, district, state. */
    public String place(CertificateContent.Dose dose, Locale locale) {
        Optional<Center> center = dose.centerId() == null ? Optional.empty() : centers.find(dose.centerId());
        return center.map(c -> c.name(locale) + ", " + geography.district(c.districtId()).map(d -> d.name(locale)).orElse(dose.district())
                        + ", " + geography.state(c.stateId()).map(s -> s.name(locale)).orElse(dose.state()))
                .orElseGet(() -> Stream.of(dose.center(), dose.district(), dose.state()).filter(s -> !s.isBlank())
                        .collect(Collectors.joining(", ")));
    }
}
