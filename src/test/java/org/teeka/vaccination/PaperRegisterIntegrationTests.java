package org.teeka.vaccination;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Sessions;

import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The paper register upload on the real database: per-row report, re-upload writes nothing, whole-file checks record nothing. */
@IntegrationTest
class PaperRegisterIntegrationTests {

    @Autowired MockMvc mvc;
    @Autowired Lots lots;
    @Autowired Beneficiaries beneficiaries;
    @Autowired Centers centers;
    @Autowired Sessions sessions;
    @Autowired StaffAccounts accounts;
    @Autowired JdbcClient jdbc;

    ConsoleFixtures at;
    String today;
    String earlier;

    @BeforeEach
    void center() {
        at = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
        today = ConsoleFixtures.today().toString();
        // a time that has passed today, in the center's zone
        earlier = ZonedDateTime.now(ConsoleFixtures.INDIA).minusMinutes(10).toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm"));
        if (LocalTime.parse(earlier).isAfter(LocalTime.now(ConsoleFixtures.INDIA))) {
            earlier = "00:00";
        }
    }

    @Test
    void recordsEachRowAndAReUploadRecordsNothingTwice() throws Exception {
        Beneficiary first = at.personBornIn(1985);
        Beneficiary second = at.personBornIn(1985);
        Beneficiary third = at.personBornIn(1985);
        String csv = "\uFEFFSerial,Reference ID,Dose,Lot Number,Date,Time,Notes\r\n"
                + "1," + first.referenceId() + ",1," + at.lot + "," + today + "," + earlier + ",\"given at the\nwindow\"\r\n"
                + "2," + second.referenceId() + ",1,NO-SUCH-LOT," + today + "," + earlier + ",\r\n"
                + "\r\n"
                + "3," + third.referenceId() + ",7," + at.lot + "," + today + "," + earlier + ",\r\n"
                + "4,12345,1," + at.lot + "," + today + "," + earlier + ",\r\n"
                + "5," + first.referenceId() + ",1," + at.otherLot + "," + today + "," + earlier + ",\r\n";

        String report = upload(csv);
        assertThat(report).contains("ACCEPTED").contains("Lot NO-SUCH-LOT is not known").contains("The dose number must be 1 to 5")
                .contains("CONFLICT");
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id in (?, ?, ?)").params(first.id(), second.id(), third.id())
                .query(Integer.class).single()).isEqualTo(1);

        String again = upload(csv);
        assertThat(again).contains("DUPLICATE").doesNotContain(",ACCEPTED,");
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id in (?, ?, ?)").params(first.id(), second.id(), third.id())
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from dose_conflicts where beneficiary_id = ?").param(first.id()).query(Integer.class).single())
                .isEqualTo(1);
    }

    @Test
    void refusesAWholeFileThatIsNotARegisterAndRecordsNothing() throws Exception {
        Beneficiary person = at.personBornIn(1985);
        String row = person.referenceId() + ",1," + at.lot + "," + today + "," + earlier + "\n";
        refused("reference_id,dose,lot_number,date\n" + row, "Columns missing from the header row: time.");
        refused("reference_id,dose,lot_number,date,time\n" + row + "\"unclosed," + row, "cannot be read from line 3");
        byte[] latin1 = ("reference_id,dose,lot_number,date,time\n" + row + "Gr\u00fcn,1,A,2026-01-01,10:00\n").getBytes(StandardCharsets.ISO_8859_1);
        refusedBytes(latin1, "not UTF-8 text: line 3");
        refused("", "The file is empty");
        assertThat(jdbc.sql("select count(*) from dose_records where beneficiary_id = ?").param(person.id()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void anotherCentersStaffCannotReadAReport() throws Exception {
        Beneficiary person = at.personBornIn(1985);
        String location = mvc.perform(multipart("/staff/center/register").file(file(("reference_id,dose,lot_number,date,time\n"
                        + person.referenceId() + ",1," + at.lot + "," + today + "," + earlier + "\n").getBytes(StandardCharsets.UTF_8)))
                        .with(user(at.vaccinator)).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        var elsewhere = new ConsoleFixtures(beneficiaries, centers, sessions, accounts, lots, "COVISHIELD", 1000, 100);
        mvc.perform(get(location).with(user(elsewhere.manager))).andExpect(status().isNotFound());
        mvc.perform(get(location + "/report").with(user(elsewhere.manager))).andExpect(status().isNotFound());
        mvc.perform(get(location).with(user(at.manager))).andExpect(status().isOk());
    }

    private String upload(String csv) throws Exception {
        String location = mvc.perform(multipart("/staff/center/register").file(file(csv.getBytes(StandardCharsets.UTF_8)))
                        .with(user(at.vaccinator)).with(csrf()).header("Accept-Language", "en"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(get(location).with(user(at.vaccinator))).andExpect(status().isOk());
        return mvc.perform(get(location + "/report").with(user(at.vaccinator)).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    private void refused(String csv, String message) throws Exception {
        refusedBytes(csv.getBytes(StandardCharsets.UTF_8), message);
    }

    private void refusedBytes(byte[] bytes, String message) throws Exception {
        String page = mvc.perform(multipart("/staff/center/register").file(file(bytes)).with(user(at.vaccinator)).with(csrf())
                        .header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains(message.replace("'", "&#39;"));
    }

    private static MockMultipartFile file(byte[] bytes) {
        return new MockMultipartFile("file", "register.csv", "text/csv", bytes);
    }
}
