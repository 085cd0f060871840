package org.teeka.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.ColdChainPoint;
import org.teeka.center.ColdChainPointDetails;
import org.teeka.center.ColdChainPoints;
import org.teeka.center.FeeType;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/** Loads the demo data on the first start, through the same services staff use. */
@Component
@Order(1)
@ConditionalOnProperty(name = "teeka.demo.enabled", havingValue = "true", matchIfMissing = true)
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "teeka-demo-2026";
    static final int UTTAR_PRADESH = 34;
    static final int PRAYAGRAJ = 624;
    static final int CHHATTISGARH = 7;
    static final int RAIPUR = 109;
    static final int DURG = 119;
    static final int BILASPUR = 116;
    static final int DAYS = 14;

    /** One login per role, printed at every start. */
    static final List<DemoLogin> LOGINS = List.of(
            new DemoLogin("state.up", Role.STATE_ADMIN),
            new DemoLogin("district.prayagraj", Role.DISTRICT_ADMIN),
            new DemoLogin("manager.prayagraj", Role.CENTER_MANAGER),
            new DemoLogin("vaccinator.prayagraj", Role.VACCINATOR),
            new DemoLogin("helpdesk.up", Role.HELPDESK_AGENT),
            new DemoLogin("state.cg", Role.STATE_ADMIN),
            new DemoLogin("district.raipur", Role.DISTRICT_ADMIN));

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final Centers centers;
    private final ColdChainPoints coldChain;
    private final Sessions sessions;
    private final StaffAccounts accounts;
    private final org.teeka.vaccination.Lots lots;
    private final Clock clock;

    DemoData(JdbcClient jdbc, TransactionTemplate transaction, Centers centers, ColdChainPoints coldChain,
             Sessions sessions, StaffAccounts accounts, org.teeka.vaccination.Lots lots, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.centers = centers;
        this.coldChain = coldChain;
        this.sessions = sessions;
        this.accounts = accounts;
        this.lots = lots;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            // the lock makes two nodes starting together load the demo once
            jdbc.sql("lock table demo_loads in exclusive mode").update();
            if (jdbc.sql("select count(*) from demo_loads").query(Integer.class).single() == 0) {
                load(LocalDate.now(clock));
            }
        });
    }

    private void load(LocalDate today) {
        var up = StaffScope.state(Role.STATE_ADMIN, UTTAR_PRADESH);
        var cg = StaffScope.state(Role.STATE_ADMIN, CHHATTISGARH);
        var prayagraj = List.of(
                center("Tej Bahadur Sapru (Beli) Hospital", "तेज बहादुर सप्रू (बेली) अस्पताल", "Beli Road, Civil Lines", "बेली रोड, सिविल लाइंस", "Chaka", "चाका", PRAYAGRAJ, 211001, "25.4545", "81.8390", up),
                center("Swaroop Rani Nehru Hospital", "स्वरूप रानी नेहरू अस्पताल", "Sarojini Naidu Marg", "सरोजिनी नायडू मार्ग", "Chaka", "चाका", PRAYAGRAJ, 211002, "25.4570", "81.8530", up),
                center("Kalvin Hospital", "काल्विन अस्पताल", "Kalvin Road, Mutthiganj", "काल्विन रोड, मुट्ठीगंज", "Chaka", "चाका", PRAYAGRAJ, 211003, "25.4380", "81.8420", up),
                center("CHC Phulpur", "सामुदायिक स्वास्थ्य केंद्र फूलपुर", "Phulpur Town", "फूलपुर कस्बा", "Phulpur", "फूलपुर", PRAYAGRAJ, 211019, "25.5500", "82.0900", up),
                center("PHC Naini", "प्राथमिक स्वास्थ्य केंद्र नैनी", "Naini Industrial Area", "नैनी औद्योगिक क्षेत्र", "Karchhana", "करछना", PRAYAGRAJ, 211008, "25.4050", "81.8750", up),
                center("UPHC Teliyarganj", "शहरी प्राथमिक स्वास्थ्य केंद्र तेलियरगंज", "Teliyarganj", "तेलियरगंज", "Chaka", "चाका", PRAYAGRAJ, 211004, "25.4950", "81.8650", up));
        var chhattisgarh = List.of(
                center("District Hospital Pandri", "जिला अस्पताल पंडरी", "Pandri, Raipur", "पंडरी, रायपुर", "Raipur", "रायपुर", RAIPUR, 492004, "21.2490", "81.6590", cg),
                center("Dr. B.R. Ambedkar Hospital", "डॉ. भीमराव अंबेडकर अस्पताल", "Jail Road, Raipur", "जेल रोड, रायपुर", "Raipur", "रायपुर", RAIPUR, 492001, "21.2570", "81.6290", cg),
                center("District Hospital Durg", "जिला अस्पताल दुर्ग", "Civil Lines, Durg", "सिविल लाइंस, दुर्ग", "Durg", "दुर्ग", DURG, 491001, "21.1900", "81.2850", cg),
                center("CHC Bhilai-3", "सामुदायिक स्वास्थ्य केंद्र भिलाई-3", "Bhilai-3", "भिलाई-3", "Patan", "पाटन", DURG, 490001, "21.2100", "81.4000", cg),
                center("CIMS Bilaspur", "सिम्स बिलासपुर", "Jugal Kishore Marg, Bilaspur", "जुगल किशोर मार्ग, बिलासपुर", "Bilaspur", "बिलासपुर", BILASPUR, 495001, "22.0800", "82.1400", cg));

        var everyDay = EnumSet.allOf(DayOfWeek.class);
        LocalDate last = today.plusDays(DAYS - 1);
        for (Center center : prayagraj) {
            sessions.plan(center.id(), new SessionPlan("COVISHIELD", today, last, everyDay, 18, null, 100, 0,
                    LocalTime.of(9, 0), LocalTime.of(17, 0), 120), up, "demo");
        }
        for (Center center : chhattisgarh) {
            sessions.plan(center.id(), new SessionPlan("COVAXIN", today, last, everyDay, 18, 44, 150, 50,
                    LocalTime.of(9, 0), LocalTime.of(17, 0), 120), cg, "demo");
        }

        coldChain.create(new ColdChainPointDetails(ColdChainPoint.Kind.DISTRICT_STORE, "Prayagraj District Vaccine Store", PRAYAGRAJ, null), up);
        coldChain.create(new ColdChainPointDetails(ColdChainPoint.Kind.HOSPITAL_STORE, "Beli Hospital Store", PRAYAGRAJ, prayagraj.getFirst().id()), up);
        for (Center center : prayagraj) {
            coldChain.create(new ColdChainPointDetails(ColdChainPoint.Kind.ILR, "ILR " + center.name(), PRAYAGRAJ, center.id()), up);
        }
        coldChain.create(new ColdChainPointDetails(ColdChainPoint.Kind.DISTRICT_STORE, "Raipur District Vaccine Store", RAIPUR, null), cg);

        int beli = prayagraj.getFirst().id();
        accounts.create("state.up", PASSWORD, "Uttar Pradesh State Admin", up);
        accounts.create("district.prayagraj", PASSWORD, "Prayagraj District Admin", StaffScope.district(Role.DISTRICT_ADMIN, UTTAR_PRADESH, PRAYAGRAJ));
        accounts.create("manager.prayagraj", PASSWORD, "Beli Hospital Center Manager", StaffScope.center(Role.CENTER_MANAGER, UTTAR_PRADESH, PRAYAGRAJ, beli));
        accounts.create("vaccinator.prayagraj", PASSWORD, "Beli Hospital Vaccinator", StaffScope.center(Role.VACCINATOR, UTTAR_PRADESH, PRAYAGRAJ, beli));
        accounts.create("helpdesk.up", PASSWORD, "Uttar Pradesh Helpdesk", StaffScope.state(Role.HELPDESK_AGENT, UTTAR_PRADESH));
        accounts.create("state.cg", PASSWORD, "Chhattisgarh State Admin", cg);
        accounts.create("district.raipur", PASSWORD, "Raipur District Admin", StaffScope.district(Role.DISTRICT_ADMIN, CHHATTISGARH, RAIPUR));

        // lots the console can name: one good lot per demo vaccine, and one expired Covishield lot
        lots.add("CSP-2026-001", "COVISHIELD", today.plusMonths(6));
        lots.add("CSP-2026-002", "COVISHIELD", today.plusMonths(9));
        lots.add("CSP-2025-099", "COVISHIELD", today.minusDays(10));
        lots.add("CVX-2026-001", "COVAXIN", today.plusMonths(6));
        lots.add("CBX-2026-001", "CORBEVAX", today.plusMonths(6));

        jdbc.sql("insert into demo_loads (id, loaded_on) values (1, ?)").param(today).update();
        log.info("Demo data loaded: {} centers with {} days of sessions from {}", prayagraj.size() + chhattisgarh.size(), DAYS, today);
    }

    private Center center(String name, String nameHi, String address, String addressHi, String block, String blockHi,
                          int district, int pincode, String lat, String lon, StaffScope scope) {
        return centers.create(new CenterDetails(name, nameHi, address, addressHi, block, blockHi, district, pincode,
                new BigDecimal(lat), new BigDecimal(lon), FeeType.FREE, LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
    }

    record DemoLogin(String username, Role role) {
    }
}
