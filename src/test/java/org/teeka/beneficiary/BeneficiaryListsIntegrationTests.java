package org.teeka.beneficiary;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.Role;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.account.StaffScope;
import org.teeka.center.Center;
import org.teeka.center.CenterDetails;
import org.teeka.center.Centers;
import org.teeka.center.FeeType;
import org.teeka.session.SessionPlan;
import org.teeka.session.Sessions;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A district's beneficiary list, uploaded as staff do it, on the real database with the demo data
 * (Prayagraj: 6 centers, Covishield 18+ sessions for 14 days, 100 first-dose places each). The test
 * profile writes 3 rows per chunk, so lists of a few rows already span several transactions.
 */
@IntegrationTest
class BeneficiaryListsIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    BeneficiaryLists lists;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Autowired
    org.teeka.booking.Bookings bookings;

    private StaffPrincipal prayagrajAdmin;
    private int beli;
    private int swaroopRani;
    private int kalvin;

    @BeforeEach
    void setUp() {
        prayagrajAdmin = accounts.find("district.prayagraj").orElseThrow();
        beli = centerNamed("Tej Bahadur Sapru (Beli) Hospital");
        swaroopRani = centerNamed("Swaroop Rani Nehru Hospital");
        kalvin = centerNamed("Kalvin Hospital");
    }

    @Test
    void aGoodCsvListIsRegisteredBookedAtTheChosenCentersAndEveryoneIsToldBySms() throws Exception {
        var file = new ListFiles();
        List<String> mobiles = List.of(ListFiles.newMobile(), ListFiles.newMobile(), ListFiles.newMobile(), ListFiles.newMobile());
        file.person("Sunita Devi", mobiles.get(0))
                .row("Ramesh Kumar", "+91 " + mobiles.get(1), "1979", "Male", "Voter ID", voterId(), "Frontline worker", "", "")
                .row("Asha Verma", "0" + mobiles.get(2), "1990", "female", "AADHAAR", ListFiles.newAadhaar(), "HCW", String.valueOf(kalvin), "")
                .row("Mohd Salim", mobiles.get(3), "1968", "M", "aadhar", ListFiles.newAadhaar(), "health worker", "", "hi");

        ListImport done = finished(upload("health-workers.csv", file.csv(), beli, swaroopRani));

        assertThat(done.status()).isEqualTo(ListImport.Status.DONE);
        assertThat(done.rowsTotal()).isEqualTo(4);
        assertThat(done.booked()).isEqualTo(4);
        assertThat(done.rejected()).isZero();
        for (int i = 0; i < mobiles.size(); i++) {
            var booking = bookingOf(mobiles.get(i));
            assertThat(booking.centerId()).isIn(i == 2 ? List.of(kalvin) : List.of(beli, swaroopRani));
            Locale language = i == 3 ? Locale.forLanguageTag("hi") : Locale.ENGLISH;
            Center center = centers.find(booking.centerId()).orElseThrow();
            assertThat(smsTo(mobiles.get(i), "sms.appointment-booked")).singleElement().satisfies(text -> assertThat(text)
                    .contains(center.name(language))
                    .contains(booking.date().format(DateTimeFormatter.ofPattern("d MMMM yyyy", language)))
                    .contains(booking.startsAt() + "–" + booking.endsAt()));
        }
        assertThat(jdbc.sql("select category from beneficiaries where mobile = ?").param(mobiles.get(1)).query(String.class).single())
                .isEqualTo("FRONTLINE_WORKER");

        List<CSVRecord> report = report(done.id(), "en");
        assertThat(report.getFirst().toList()).containsExactly("Row", "Outcome", "Name", "Reference ID", "Center", "Date", "Time", "Column", "Reason");
        assertThat(report.subList(1, report.size())).extracting(r -> r.get(0), r -> r.get(1), r -> r.get(2))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("2", "Booked", "Sunita Devi"),
                        org.assertj.core.groups.Tuple.tuple("3", "Booked", "Ramesh Kumar"),
                        org.assertj.core.groups.Tuple.tuple("4", "Booked", "Asha Verma"),
                        org.assertj.core.groups.Tuple.tuple("5", "Booked", "Mohd Salim"));
        assertThat(report.get(3).get(4)).isEqualTo("Kalvin Hospital");
    }

    @Test
    void aGoodXlsxListWithNumbersTypedAsNumbersIsImported() throws Exception {
        var file = new ListFiles();
        String english = ListFiles.newMobile();
        String hindi = ListFiles.newMobile();
        file.person("Kamla Yadav", english)
                .row("सुनीता देवी", hindi, "1982", "महिला", "आधार कार्ड", ListFiles.newAadhaar(), "स्वास्थ्य कर्मी", String.valueOf(beli), "hi")
                .row("Vikas Mishra", ListFiles.newMobile(), "1975", "Male", "PAN", "ABCDE" + (1000 + ThreadLocalRandom.current().nextInt(9000)) + "F",
                        "Frontline worker", "", "");

        ListImport done = finished(upload("health-workers.xlsx", file.xlsx(), beli));

        assertThat(done.status()).isEqualTo(ListImport.Status.DONE);
        assertThat(done.fileType()).isEqualTo("XLSX");
        assertThat(done.booked()).isEqualTo(3);
        assertThat(bookingOf(english).centerId()).isEqualTo(beli);
        assertThat(smsTo(hindi, "sms.appointment-booked")).singleElement().asString()
                .contains("सुनीता देवी").contains("तेज बहादुर सप्रू (बेली) अस्पताल");
        assertThat(jdbc.sql("select distinct language from outbox_messages where mobile = ?").param(hindi).query(String.class).single())
                .as("the language of every SMS to them, the appointment's and its reminder's").isEqualTo("hi");
    }

    @Test
    void peopleForWhomNoPlaceIsFreeWaitOnTheDistrictsWaitlistAndAreToldSo() throws Exception {
        StaffPrincipal stateAdmin = accounts.find("state.up").orElseThrow();
        int lucknow = 670;
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, lucknow);
        Center center = centers.create(new CenterDetails("List Test " + ThreadLocalRandom.current().nextInt(1_000_000), null, "Hazratganj",
                null, "Lucknow", null, lucknow, 226001, new BigDecimal("26.85"), new BigDecimal("80.95"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
        // two places, for people over 99 only, so nobody else's waitlist takes them first
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
        sessions.plan(center.id(), new SessionPlan("COVISHIELD", tomorrow, tomorrow, EnumSet.allOf(DayOfWeek.class), 99, null, 2, 0,
                LocalTime.of(9, 0), LocalTime.of(17, 0), 480), scope, "test");
        var file = new ListFiles();
        List<String> mobiles = List.of(ListFiles.newMobile(), ListFiles.newMobile(), ListFiles.newMobile());
        for (String mobile : mobiles) {
            file.row("Old Timer", mobile, "1920", "F", "Aadhaar", ListFiles.newAadhaar(), "General", "", "");
        }

        long id = upload(stateAdmin, "elders.csv", file.csv(), lucknow, center.id());
        ListImport done = finished(id, stateAdmin);

        assertThat(done.booked()).isEqualTo(2);
        assertThat(done.waitlisted()).isEqualTo(1);
        assertThat(jdbc.sql("select dose1_booked from sessions where center_id = ?").param(center.id()).query(Integer.class).single()).isEqualTo(2);
        String waiting = mobiles.get(2);
        assertThat(jdbc.sql("""
                        select w.status from waitlist_entries w join beneficiaries b on b.id = w.beneficiary_id
                        where b.mobile = ? and w.district_id = ?""").params(waiting, lucknow).query(String.class).single())
                .isEqualTo("WAITING");
        String reference = jdbc.sql("select reference_id from beneficiaries where mobile = ?").param(waiting).query(String.class).single();
        assertThat(smsTo(waiting, "sms.waitlist-joined")).singleElement().asString().contains(reference).contains("waitlist");
        assertThat(report(id, stateAdmin, "en").getLast().toList()).startsWith("4", "On the waitlist", "Old Timer", reference);
    }

    @Test
    void theSameIdTwiceInAListOrAlreadyRegisteredIsReportedAndAReuploadImportsNothingTwice() throws Exception {
        String aadhaar = ListFiles.newAadhaar();
        String registeredBefore = ListFiles.newAadhaar();
        beneficiaries.register(ListFiles.newMobile(), new NewBeneficiary("Citizen Before", 1980, Gender.MALE, PhotoIdType.AADHAAR,
                registeredBefore, 624, 211001), Locale.ENGLISH);
        var file = new ListFiles()
                .row("First Copy", ListFiles.newMobile(), "1980", "F", "Aadhaar", aadhaar, "Health worker", "", "")
                .row("Second Copy", ListFiles.newMobile(), "1980", "F", "Aadhaar", spaced(aadhaar), "Health worker", "", "")
                .person("Someone Else", ListFiles.newMobile())
                .person("Another One", ListFiles.newMobile())
                .row("Third Copy", ListFiles.newMobile(), "1980", "F", "Aadhaar", aadhaar, "Health worker", "", "")
                .row("Citizen Again", ListFiles.newMobile(), "1980", "M", "Aadhaar", registeredBefore, "Health worker", "", "");

        ListImport first = finished(upload("duplicates.csv", file.csv(), beli));

        assertThat(first.booked()).isEqualTo(3);
        assertThat(first.rejected()).isEqualTo(3);
        var reasons = reasonsByRow(first.id(), "en");
        assertThat(reasons.get("3")).isEqualTo("The same ID number is in row 2 of this list.");
        // row 6 lies in another chunk than row 2 (3 rows per chunk in tests)
        assertThat(reasons.get("6")).isEqualTo("The same ID number is in row 2 of this list.");
        assertThat(reasons.get("7")).isEqualTo("This ID number is already registered. One ID number can be used for one person only.");

        ListImport again = finished(upload("duplicates.csv", file.csv(), beli));

        assertThat(again.accepted()).isZero();
        assertThat(again.rejected()).isEqualTo(6);
        var second = reasonsByRow(again.id(), "hi");
        assertThat(second.get("2")).isEqualTo("यह व्यक्ति सूची " + first.id() + ", पंक्ति 2 से पहले ही पंजीकृत हो चुका है।");
        assertThat(second.get("4")).isEqualTo("यह व्यक्ति सूची " + first.id() + ", पंक्ति 4 से पहले ही पंजीकृत हो चुका है।");
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = 'First Copy'").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void badRowsAreRefusedOneByOneWithTheirColumnAndReasonInTheReadersLanguage() throws Exception {
        String goodMobile = ListFiles.newMobile();
        String valid = ListFiles.newAadhaar();
        String wrongCheckDigit = AadhaarNumbers.replace(valid, 11, (char) ('0' + (valid.charAt(11) - '0' + 1) % 10));
        String aadhaarAsName = ListFiles.newAadhaar();
        var file = new ListFiles()
                .person("Good Person", goodMobile)
                .row("Bad Mobile", "12345", "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "")
                .row("Bad Aadhaar", ListFiles.newMobile(), "1980", "F", "Aadhaar", wrongCheckDigit, "Health worker", "", "")
                .row("Short Aadhaar", ListFiles.newMobile(), "1980", "F", "Aadhaar", "12345", "Health worker", "", "")
                .row("Bad Year", ListFiles.newMobile(), "nineteen", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "")
                .row("Bad Gender", ListFiles.newMobile(), "1980", "X", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "")
                .row("Bad Id Type", ListFiles.newMobile(), "1980", "F", "Ration card", "R123456", "Health worker", "", "")
                .row("Bad Category", ListFiles.newMobile(), "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Teacher", "", "")
                .row("Elsewhere Center", ListFiles.newMobile(), "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "999999", "")
                .row(aadhaarAsName, ListFiles.newMobile(), "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "")
                .row("No Mobile", "", "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "")
                .row("Bad Language", ListFiles.newMobile(), "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "fr");

        ListImport done = finished(upload("mixed.csv", file.csv(), beli));

        assertThat(done.status()).isEqualTo(ListImport.Status.DONE);
        assertThat(done.booked()).isEqualTo(1);
        assertThat(done.rejected()).isEqualTo(11);
        var english = report(done.id(), "en");
        assertThat(english.subList(2, english.size())).extracting(r -> r.get(0), r -> r.get(7), r -> r.get(8)).containsExactly(
                org.assertj.core.groups.Tuple.tuple("3", "mobile", "Enter a 10-digit mobile number starting with 6, 7, 8 or 9."),
                org.assertj.core.groups.Tuple.tuple("4", "id_number", "This is not a valid Aadhaar number. Check each digit against the card."),
                org.assertj.core.groups.Tuple.tuple("5", "id_number", "An Aadhaar number has 12 digits and does not start with 0 or 1."),
                org.assertj.core.groups.Tuple.tuple("6", "birth_year", "Enter a year of birth from " + (LocalDate.now().getYear() - 120) + " to " + LocalDate.now().getYear() + "."),
                org.assertj.core.groups.Tuple.tuple("7", "gender", "Gender must be Male, Female or Other (or M, F, O)."),
                org.assertj.core.groups.Tuple.tuple("8", "id_type", "ID type must be Aadhaar, Voter ID, Passport, Driving licence, PAN, NPR smart card or Pension document."),
                org.assertj.core.groups.Tuple.tuple("9", "category", "Category must be Health worker, Frontline worker or General."),
                org.assertj.core.groups.Tuple.tuple("10", "preferred_center_id", "This is not the id of a center of this district; take the id from the Centers page."),
                org.assertj.core.groups.Tuple.tuple("11", "name", "A name has letters, no digits, and at most 100 characters."),
                org.assertj.core.groups.Tuple.tuple("12", "mobile", "This value is missing."),
                org.assertj.core.groups.Tuple.tuple("13", "language", "Language must be en (English) or hi (Hindi)."));
        assertThat(reasonsByRow(done.id(), "hi").get("3")).isEqualTo("6, 7, 8 या 9 से शुरू होने वाला 10 अंकों का मोबाइल नंबर लिखें।");
        // no refused person was registered, and no full Aadhaar number is kept anywhere, even one given as a name
        assertThat(jdbc.sql("select count(*) from beneficiaries where name like 'Bad %'").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from beneficiary_import_rows r where r.import_id = ? and row_to_json(r)::text like ?")
                .params(done.id(), "%" + aadhaarAsName + "%").query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from beneficiary_import_rows r where r.import_id = ? and row_to_json(r)::text like ?")
                .params(done.id(), "%" + wrongCheckDigit + "%").query(Integer.class).single()).isZero();
        mvc.perform(get("/staff/lists/{id}", done.id()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("This is not a valid Aadhaar number.")))
                .andExpect(content().string(containsString("Bad Aadhaar")));
    }

    @Test
    void aMobileRegistersAtMostFourPeopleAcrossTheList() throws Exception {
        String mobile = ListFiles.newMobile();
        var file = new ListFiles();
        for (int i = 0; i < 5; i++) {
            file.person("Family Member " + "ABCDE".charAt(i), mobile);
        }

        ListImport done = finished(upload("family.csv", file.csv(), beli));

        assertThat(done.booked()).isEqualTo(4);
        assertThat(reasonsByRow(done.id(), "en").get("6")).isEqualTo("This mobile number already has 4 people registered, the most one number may have.");
        assertThat(jdbc.sql("select members from citizen_accounts where mobile = ?").param(mobile).query(Integer.class).single()).isEqualTo(4);
    }

    @Test
    void cellsThatLookLikeFormulasAreNeutralisedInTheReport() throws Exception {
        var file = new ListFiles()
                .person("=Sunita Devi", ListFiles.newMobile())
                .person("+Ravi Kumar", ListFiles.newMobile())
                .person("-Mohan Lal", ListFiles.newMobile())
                .row("@Geeta Rani", "12345", "1980", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "");

        ListImport done = finished(upload("formulas.csv", file.csv(), beli));

        var names = report(done.id(), "en").stream().skip(1).map(r -> r.get(2)).toList();
        assertThat(names).containsExactly("'=Sunita Devi", "'+Ravi Kumar", "'-Mohan Lal", "'@Geeta Rani");
        // the name is registered as given; only the export is made harmless
        assertThat(jdbc.sql("select count(*) from beneficiaries where name = '=Sunita Devi'").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void aByteOrderMarkMixedLineEndingsAndQuotedLineBreaksAreRead() throws Exception {
        String[] mobiles = {ListFiles.newMobile(), ListFiles.newMobile(), ListFiles.newMobile()};
        var rows = new ListFiles()
                .person("Sunita\nDevi", mobiles[0])
                .person("Ravi Kumar", mobiles[1])
                .person("Geeta Rani", mobiles[2]).rows();
        String text = "\uFEFF" + ListFiles.HEADER + "\r\n" + csvLine(rows.get(0)) + "\n" + csvLine(rows.get(1)) + "\r" + csvLine(rows.get(2)) + "\r\n";

        ListImport done = finished(upload("excel-export.csv", text.getBytes(StandardCharsets.UTF_8), beli));

        assertThat(done.status()).isEqualTo(ListImport.Status.DONE);
        assertThat(done.booked()).isEqualTo(3);
        assertThat(report(done.id(), "en").stream().skip(1).map(r -> r.get(0) + " " + r.get(2)).toList())
                .containsExactly("2 Sunita Devi", "3 Ravi Kumar", "4 Geeta Rani");
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedWholeAndNothingIsImported() throws Exception {
        String mobile = ListFiles.newMobile();
        byte[] good = new ListFiles().person("Good Person", mobile).csv();
        byte[] latin1 = "Jos\u00E9 Kumar,7000000001,1980,M,Aadhaar,234567890124,Health worker,,\r\n".getBytes(StandardCharsets.ISO_8859_1);
        byte[] file = concat(good, latin1);

        ListImport refused = lists.get(upload("latin1.csv", file, beli), prayagrajAdmin.scope());

        assertThat(refused.status()).isEqualTo(ListImport.Status.REJECTED);
        assertThat(refused.problem()).isEqualTo("beneficiary.error.list-not-utf8");
        assertThat(refused.problemArguments()).containsExactly("3");
        assertThat(jdbc.sql("select count(*) from beneficiaries where mobile = ?").param(mobile).query(Integer.class).single()).isZero();
        mvc.perform(get("/staff/lists/{id}", refused.id()).param("lang", "hi").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("फ़ाइल UTF-8 टेक्स्ट नहीं है")));
    }

    @Test
    void filesThatCannotBeReadAreRefusedWithTheirReason() throws Exception {
        String mobile = ListFiles.newMobile();
        String row = String.join(",", "Good Person", mobile, "1985", "F", "Aadhaar", ListFiles.newAadhaar(), "Health worker", "", "");
        assertRefused("empty.csv", new byte[0], "beneficiary.error.list-empty", "The file is empty");
        assertRefused("blank.csv", "\r\n\r\n".getBytes(StandardCharsets.UTF_8), "beneficiary.error.list-empty", "The file is empty");
        assertRefused("header-only.csv", (ListFiles.HEADER + "\r\n").getBytes(StandardCharsets.UTF_8), "beneficiary.error.list-no-rows",
                "no rows of people");
        assertRefused("hindi-header.csv", ("naam,phone,janm_varsh\r\n" + row).getBytes(StandardCharsets.UTF_8),
                "beneficiary.error.list-columns-missing",
                "Columns missing from the header row: name, birth_year, gender, id_type, id_number, category. The header row has: naam, phone, janm_varsh.");
        assertRefused("no-id.csv", ("name,mobile,birth_year,gender,id_type,category\r\nGood Person," + mobile + ",1985,F,Aadhaar,General\r\n")
                .getBytes(StandardCharsets.UTF_8), "beneficiary.error.list-columns-missing", "Columns missing from the header row: id_number.");
        assertRefused("twice.csv", ("name,name,mobile,birth_year,gender,id_type,id_number,category\r\n" + row).getBytes(StandardCharsets.UTF_8),
                "beneficiary.error.list-column-twice", "names the column name twice");
        assertRefused("quote.csv", (ListFiles.HEADER + "\r\n" + row + "\r\n\"Unclosed Name," + mobile + ",1985\r\n").getBytes(StandardCharsets.UTF_8),
                "beneficiary.error.list-csv-broken", "line 3");
        assertRefused("unicode.csv", concat(new byte[] {(byte) 0xFF, (byte) 0xFE}, (ListFiles.HEADER + "\r\n" + row).getBytes(StandardCharsets.UTF_16LE)),
                "beneficiary.error.list-utf16", "UTF-16");
        assertRefused("renamed.xlsx", (ListFiles.HEADER + "\r\n" + row).getBytes(StandardCharsets.UTF_8), "beneficiary.error.list-not-xlsx",
                "cannot be read as an Excel workbook");
        assertRefused("old.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, 0, 0, 0, 0}, "beneficiary.error.list-not-xlsx",
                "Old .xls workbooks");
        assertRefused("broken.xlsx", new byte[] {0x50, 0x4B, 0x03, 0x04, 1, 2, 3}, "beneficiary.error.list-not-xlsx", ".xlsx");
        assertRefused("list.pdf", "%PDF-1.7".getBytes(StandardCharsets.US_ASCII), "beneficiary.error.list-file-type", "Upload a .csv or an .xlsx file.");
        var tooMany = new ListFiles();
        for (int i = 0; i <= 1000; i++) {
            tooMany.row("Many People", "7000000000", "1985", "F", "Aadhaar", "234567890124", "General", "", "");
        }
        assertRefused("too-many.csv", tooMany.csv(), "beneficiary.error.list-too-many-rows", "more than 1000 rows");
        assertThat(jdbc.sql("select count(*) from beneficiaries where mobile = ?").param(mobile).query(Integer.class).single()).isZero();
    }

    @Test
    void aDistrictAdminCannotImportIntoAnotherDistrictButTheirStateAdminCan() throws Exception {
        int before = jdbc.sql("select count(*) from beneficiary_imports").query(Integer.class).single();
        byte[] file = new ListFiles().person("Scope Person", ListFiles.newMobile()).csv();

        mvc.perform(multipart("/staff/lists/new").file(new MockMultipartFile("file", "raipur.csv", "text/csv", file))
                        .param("districtId", "109").with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().isForbidden());
        mvc.perform(multipart("/staff/lists/new").file(new MockMultipartFile("file", "raipur.csv", "text/csv", file))
                        .param("centerIds", String.valueOf(raipurCenter())).with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is not in this district")));
        mvc.perform(multipart("/staff/lists/new").file(new MockMultipartFile("file", "prayagraj.csv", "text/csv", file))
                        .param("districtId", "624").with(csrf()).with(user(accounts.find("state.cg").orElseThrow())))
                .andExpect(status().isForbidden());
        assertThat(jdbc.sql("select count(*) from beneficiary_imports").query(Integer.class).single()).isEqualTo(before);

        StaffPrincipal uttarPradesh = accounts.find("state.up").orElseThrow();
        ListImport done = finished(upload(uttarPradesh, "from-the-state.csv", file, 624, beli), uttarPradesh);
        assertThat(done.booked()).isEqualTo(1);
        mvc.perform(get("/staff/lists/{id}", done.id()).with(user(accounts.find("district.raipur").orElseThrow())))
                .andExpect(status().isForbidden());
        mvc.perform(get("/staff/lists/{id}/report", done.id()).with(user(accounts.find("helpdesk.up").orElseThrow())))
                .andExpect(status().isForbidden());
    }

    @Test
    void aListAndCitizensBookingTheSameSessionAtOnceNeverOverbookIt() throws Exception {
        int agra = 622;
        var scope = StaffScope.district(Role.DISTRICT_ADMIN, 34, agra);
        Center center = centers.create(new CenterDetails("Race Test " + ThreadLocalRandom.current().nextInt(1_000_000), null, "Sadar Bazar",
                null, "Agra", null, agra, 282001, new BigDecimal("27.18"), new BigDecimal("78.01"), FeeType.FREE,
                LocalTime.of(9, 0), LocalTime.of(17, 0), Map.of()), scope);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Kolkata")).plusDays(1);
        sessions.plan(center.id(), new SessionPlan("COVISHIELD", tomorrow, tomorrow, EnumSet.allOf(DayOfWeek.class), 18, null, 20, 0,
                LocalTime.of(9, 0), LocalTime.of(17, 0), 480), scope, "test");
        java.util.UUID session = jdbc.sql("select id from sessions where center_id = ?").param(center.id()).query(java.util.UUID.class).single();
        var citizens = new ArrayList<Beneficiary>();
        for (int i = 0; i < 15; i++) {
            citizens.add(beneficiaries.register(ListFiles.newMobile(), new NewBeneficiary("Citizen Racer", 1990, Gender.FEMALE,
                    PhotoIdType.AADHAAR, ListFiles.newAadhaar(), agra, 282001), Locale.ENGLISH));
        }
        var file = new ListFiles();
        for (int i = 0; i < 15; i++) {
            file.person("List Racer", ListFiles.newMobile());
        }
        StaffPrincipal stateAdmin = accounts.find("state.up").orElseThrow();
        var start = new java.util.concurrent.CountDownLatch(1);
        var citizensBooked = new java.util.concurrent.atomic.AtomicInteger();
        var refusedFull = new java.util.concurrent.atomic.AtomicInteger();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var booking = pool.submit(() -> {
                start.await();
                return lists.start(null, "race.csv", new org.springframework.core.io.ByteArrayResource(file.csv()), agra,
                        List.of(center.id()), null, stateAdmin.scope(), "test", Locale.ENGLISH).id();
            });
            for (Beneficiary citizen : citizens) {
                pool.submit(() -> {
                    start.await();
                    try {
                        bookings.book(citizen.mobile(), citizen.id(), session, 1, 1, null,
                                org.teeka.booking.Appointment.Source.CITIZEN, Locale.ENGLISH);
                        citizensBooked.incrementAndGet();
                    } catch (org.teeka.booking.BookingRefusedException full) {
                        refusedFull.incrementAndGet();
                    }
                    return null;
                });
            }
            start.countDown();
            ListImport done = finished(booking.get(), stateAdmin);
            pool.shutdown();
            assertThat(pool.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

            assertThat(citizensBooked.get() + refusedFull.get()).isEqualTo(15);
            assertThat(citizensBooked.get() + done.booked()).isEqualTo(20);
            assertThat(done.booked() + done.waitlisted()).isEqualTo(15);
            assertThat(jdbc.sql("select dose1_booked from sessions where id = ?").param(session).query(Integer.class).single()).isEqualTo(20);
            assertThat(jdbc.sql("select count(*) from appointments where session_id = ? and status = 'BOOKED'").param(session)
                    .query(Integer.class).single()).isEqualTo(20);
        }
    }

    @Test
    void theSameUploadSentTwiceIsImportedOnce() throws Exception {
        String mobile = ListFiles.newMobile();
        byte[] file = new ListFiles().person("Clicked Twice", mobile).csv();
        String key = java.util.UUID.randomUUID().toString();
        int before = jdbc.sql("select count(*) from beneficiary_imports").query(Integer.class).single();

        var locations = new ArrayList<String>();
        for (int i = 0; i < 2; i++) {
            locations.add(mvc.perform(multipart("/staff/lists/new").file(new MockMultipartFile("file", "twice.csv", "text/csv", file))
                            .param("requestKey", key).param("centerIds", String.valueOf(beli)).with(csrf()).with(user(prayagrajAdmin)))
                    .andExpect(status().is3xxRedirection())
                    .andReturn().getResponse().getRedirectedUrl());
        }

        assertThat(locations.get(1)).isEqualTo(locations.get(0));
        assertThat(jdbc.sql("select count(*) from beneficiary_imports").query(Integer.class).single()).isEqualTo(before + 1);
        finished(Long.parseLong(locations.get(0).substring("/staff/lists/".length())));
        assertThat(jdbc.sql("select count(*) from beneficiaries where mobile = ?").param(mobile).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theUploadPagesAreInEnglishAndHindi() throws Exception {
        mvc.perform(get("/staff/lists/new").param("lang", "hi").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("लाभार्थी सूची अपलोड करें")))
                .andExpect(content().string(containsString("20 MB")))
                .andExpect(content().string(containsString("स्वरूप रानी नेहरू अस्पताल")));
        mvc.perform(get("/staff/lists").param("lang", "en").with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Beneficiary lists")));
        mvc.perform(multipart("/staff/lists/new").with(csrf()).with(user(prayagrajAdmin)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Choose a CSV or XLSX file to upload.")));
    }

    private void assertRefused(String fileName, byte[] content, String problem, String text) throws Exception {
        long id = upload(fileName, content, beli);
        ListImport refused = lists.get(id, prayagrajAdmin.scope());
        assertThat(refused.status()).as(fileName).isEqualTo(ListImport.Status.REJECTED);
        assertThat(refused.problem()).as(fileName).isEqualTo(problem);
        assertThat(refused.rowsDone()).isZero();
        assertThat(report(id, "en").getLast().get(8)).as(fileName).contains(text);
        assertThat(jdbc.sql("select count(*) from beneficiary_import_rows where import_id = ?").param(id).query(Integer.class).single()).isZero();
    }

    private long upload(String fileName, byte[] content, int... centerIds) throws Exception {
        return upload(prayagrajAdmin, fileName, content, null, centerIds);
    }

    private long upload(StaffPrincipal staff, String fileName, byte[] content, Integer districtId, int... centerIds) throws Exception {
        var request = multipart("/staff/lists/new").file(new MockMultipartFile("file", fileName, "application/octet-stream", content));
        if (districtId != null) {
            request.param("districtId", String.valueOf(districtId));
        }
        for (int centerId : centerIds) {
            request.param("centerIds", String.valueOf(centerId));
        }
        String location = mvc.perform(request.with(csrf()).with(user(staff)))
                .andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/staff/lists/");
        return Long.parseLong(location.substring("/staff/lists/".length()));
    }

    private ListImport finished(long id) {
        return finished(id, prayagrajAdmin);
    }

    private ListImport finished(long id, StaffPrincipal staff) {
        await().atMost(Duration.ofSeconds(60)).until(() -> !lists.get(id, staff.scope()).running());
        return lists.get(id, staff.scope());
    }

    private List<CSVRecord> report(long id, String language) throws Exception {
        return report(id, prayagrajAdmin, language);
    }

    private List<CSVRecord> report(long id, StaffPrincipal staff, String language) throws Exception {
        var response = mvc.perform(get("/staff/lists/{id}/report", id).param("lang", language).with(user(staff)))
                .andExpect(status().isOk())
                .andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/csv");
        String body = new String(response.getContentAsByteArray(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFF");
        return CSVFormat.RFC4180.parse(new StringReader(body.substring(1))).getRecords();
    }

    private Map<String, String> reasonsByRow(long id, String language) throws Exception {
        var reasons = new java.util.HashMap<String, String>();
        report(id, language).stream().skip(1).forEach(r -> reasons.put(r.get(0), r.get(8)));
        return reasons;
    }

    record Booking(int centerId, LocalDate date, LocalTime startsAt, LocalTime endsAt) {
    }

    private Booking bookingOf(String mobile) {
        return jdbc.sql("""
                        select s.center_id, s.session_date as date, sl.starts_at, sl.ends_at
                        from appointments a join beneficiaries b on b.id = a.beneficiary_id
                        join sessions s on s.id = a.session_id
                        join session_slots sl on sl.session_id = a.session_id and sl.slot_no = a.slot_no
                        where b.mobile = ? and a.status = 'BOOKED'""")
                .param(mobile).query(Booking.class).single();
    }

    private List<String> smsTo(String mobile, String template) {
        return jdbc.sql("select text from outbox_messages where mobile = ? and template = ?").params(mobile, template)
                .query(String.class).list();
    }

    private int centerNamed(String name) {
        return jdbc.sql("select id from centers where district_id = 624 and name = ?").param(name).query(Integer.class).single();
    }

    private int raipurCenter() {
        return jdbc.sql("select min(id) from centers where district_id = 109").query(Integer.class).single();
    }

    private static String voterId() {
        return "TKL" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    private static String spaced(String aadhaar) {
        return aadhaar.substring(0, 4) + " " + aadhaar.substring(4, 8) + " " + aadhaar.substring(8);
    }

    private static String csvLine(String[] values) {
        var cells = new ArrayList<String>();
        for (String value : values) {
            cells.add(value.contains("\n") ? "\"" + value + "\"" : value);
        }
        return String.join(",", cells);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
