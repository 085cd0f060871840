package org.teeka.vaccination;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vaccine lots a dose may name. A minimal register until the stock module owns lots: number,
 * vaccine and expiry, which is all a dose record needs to be checked.
 */
@Service
public class Lots {

    private final JdbcClient jdbc;

    Lots(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a lot; an existing lot number is left as it is. */
    @Transactional
    public void add(String lotNumber, String vaccineCode, LocalDate expiresOn) {
        jdbc.sql("insert into vaccine_lots (lot_number, vaccine_code, expires_on) values (?, ?, ?) on conflict do nothing")
                .params(normalise(lotNumber), vaccineCode, expiresOn).update();
    }

    public Optional<Lot> find(String lotNumber) {
        return jdbc.sql("select lot_number, vaccine_code, expires_on from vaccine_lots where lot_number = ?")
                .param(normalise(lotNumber)).query(Lot.class).optional();
    }

    /** The lots of a vaccine usable on a day (not expired), latest expiry last. */
    public List<Lot> usable(String vaccineCode, LocalDate on) {
        return jdbc.sql("select lot_number, vaccine_code, expires_on from vaccine_lots where vaccine_code = ? and expires_on >= ? order by expires_on, lot_number")
                .params(vaccineCode, on).query(Lot.class).list();
    }

    static String normalise(String lotNumber) {
        return lotNumber == null ? "" : lotNumber.strip().toUpperCase(Locale.ROOT);
    }
}
