package org.teeka.cowin;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.Optional;
import java.util.UUID;

/**
 * What a CoWIN client sends at registration that Teeka's beneficiary does not hold: the
 * comorbidity indicator and the consent version. Kept so the beneficiary list can give back what
 * was sent; no Teeka rule reads them. People registered elsewhere in Teeka have none.
 */
@Service
class RegistrationExtras {

    private final JdbcClient jdbc;

    RegistrationExtras(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void keep(UUID beneficiaryId, boolean comorbidity, String consentVersion) {
        jdbc.sql("insert into cowin_registrations (beneficiary_id, comorbidity_ind, consent_version) values (?, ?, ?)")
                .params(beneficiaryId, comorbidity ? "Y" : "N", consentVersion).update();
    }

    /** "Y" or "N" as registered through this API; empty for someone registered elsewhere. */
    Optional<String> comorbidity(UUID beneficiaryId) {
        return jdbc.sql("select comorbidity_ind from cowin_registrations where beneficiary_id = ?").param(beneficiaryId)
                .query(String.class).optional();
    }
}
