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
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.NewBeneficiary;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.luckydraw.LuckyDraw;
import org.teeka.luckydraw.LuckyDraws;
import org.teeka.vaccination.DoseRecords;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Some people vaccinated in Prayagraj over the past week (so they hold lucky-draw cards), one
 * draw made over that week and one announced, so the public lucky-draw page shows both states.
 * Loaded once, through the same services the center and the district admin use. Off in tests,
 * which make their own people and draws.
 */
@Component
@Order(2)
@ConditionalOnProperty(name = {"teeka.demo.enabled", "teeka.demo.lucky-draw"}, havingValue = "true", matchIfMissing = true)
class DemoLuckyDraw implements ApplicationRunner {

    private static final String FIRST_MOBILE = "9000007001";
    private static final List<String> NAMES = List.of("Aarti Yadav", "Rakesh Tiwari", "Sunita Devi", "Mohd. Salim", "Priya Srivastava",
            "Ramesh Kushwaha", "Kavita Pandey", "Anil Kesarwani", "Shabnam Bano", "Vijay Pal", "Neha Mishra", "Suresh Patel",
            "Geeta Maurya", "Arvind Shukla", "Rekha Nishad", "Dinesh Gupta", "Pooja Verma", "Manoj Bind", "Farzana Khatoon",
            "Santosh Saroj", "Meena Singh", "Ajay Dubey", "Shalini Rai", "Rajendra Prasad");

    private static final Logger log = LoggerFactory.getLogger(DemoLuckyDraw.class);

    private final TransactionTemplate transaction;
    private final JdbcClient jdbc;
    private final Beneficiaries beneficiaries;
    private final DoseRecords doses;
    private final Centers centers;
    private final LuckyDraws draws;
    private final StaffAccounts accounts;
    private final Clock clock;

    DemoLuckyDraw(TransactionTemplate transaction, JdbcClient jdbc, Beneficiaries beneficiaries, DoseRecords doses, Centers centers,
                  LuckyDraws draws, StaffAccounts accounts, Clock clock) {
        this.transaction = transaction;
        this.jdbc = jdbc;
        this.beneficiaries = beneficiaries;
        this.doses = doses;
        this.centers = centers;
        this.draws = draws;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        transaction.executeWithoutResult(status -> {
            // the same lock as the demo data: two nodes starting together load this once
            jdbc.sql("lock table demo_loads in exclusive mode").update();
            if (beneficiaries.family(FIRST_MOBILE).isEmpty()) {
                load(LocalDate.now(clock));
            }
        });
    }

    private void load(LocalDate today) {
        List<Center> prayagraj = centers.inDistrict(DemoData.PRAYAGRAJ);
        StaffPrincipal admin = accounts.find("district.prayagraj").orElse(null);
        if (prayagraj.isEmpty() || admin == null) {
            return;
        }
        for (int i = 0; i < NAMES.size(); i++) {
            String mobile = String.valueOf(Long.parseLong(FIRST_MOBILE) + i);
            Beneficiary person = beneficiaries.register(mobile, new NewBeneficiary(NAMES.get(i), 1960 + (i * 7) % 40,
                    i % 2 == 0 ? Gender.FEMALE : Gender.MALE, PhotoIdType.VOTER_ID, "UPL" + String.format("%07d", 4_200_000 + i),
                    DemoData.PRAYAGRAJ, 211001), Locale.ENGLISH);
            doses.record(person.id(), 1, "COVISHIELD", today.minusDays(1 + i % 7), prayagraj.get(i % prayagraj.size()).id());
        }
        LuckyDraw week = draws.announce(DemoData.PRAYAGRAJ, today.minusDays(7), today.minusDays(1), 3, admin.scope(), admin.id());
        draws.draw(week.id(), admin.scope(), admin.id());
        draws.announce(DemoData.PRAYAGRAJ, today.minusDays(3), today.minusDays(1), 2, admin.scope(), admin.id());
        log.info("Demo lucky draw: {} people vaccinated in Prayagraj, one draw made and one announced", NAMES.size());
    }
}
