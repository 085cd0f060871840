package org.teeka.cowin;

import org.junit.jupiter.api.Test;
import org.teeka.platform.web.Languages;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CowinFormatsTests {

    @Test
    void readsAndWritesDatesAsDayMonthYear() {
        assertThat(CowinDates.parse("05-06-2026")).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(CowinDates.parse("5-6-2026")).isEqualTo(LocalDate.of(2026, 6, 5));
        assertThat(CowinDates.format(LocalDate.of(2026, 6, 5))).isEqualTo("05-06-2026");
    }

    @Test
    void refusesADateInAnotherFormat() {
        assertThatThrownBy(() -> CowinDates.parse("2026-06-05")).hasMessageContaining("cowin.error.date");
        assertThatThrownBy(() -> CowinDates.parse("31-02-2026")).hasMessageContaining("cowin.error.date");
    }

    @Test
    void writesSlotsAndTimesAsCowinDid() {
        assertThat(CowinDates.slot(LocalTime.of(9, 0), LocalTime.of(11, 0))).isEqualTo("09:00AM-11:00AM");
        assertThat(CowinDates.slot(LocalTime.of(13, 0), LocalTime.of(15, 30))).isEqualTo("01:00PM-03:30PM");
        assertThat(CowinDates.time(LocalTime.of(9, 0))).isEqualTo("09:00:00");
    }

    @Test
    void takesHindiFromAcceptLanguageWrittenTheCowinWay() {
        assertThat(CowinLanguage.of("hi_IN")).isEqualTo(Languages.HINDI);
        assertThat(CowinLanguage.of("hi-IN,en;q=0.8")).isEqualTo(Languages.HINDI);
        assertThat(CowinLanguage.of("en_US")).isEqualTo(Languages.ENGLISH);
        assertThat(CowinLanguage.of("ta_IN")).isEqualTo(Languages.ENGLISH);
        assertThat(CowinLanguage.of("###")).isEqualTo(Languages.ENGLISH);
        assertThat(CowinLanguage.of((String) null)).isEqualTo(Languages.ENGLISH);
    }

    @Test
    void readsVaccinesAsClientsNameThem() {
        assertThat(Availability.vaccineCode("COVISHIELD")).isEqualTo("COVISHIELD");
        assertThat(Availability.vaccineCode("Covaxin")).isEqualTo("COVAXIN");
        assertThat(Availability.vaccineCode("SPUTNIK V")).isEqualTo("SPUTNIK_V");
        assertThat(Availability.vaccineCode(" ")).isNull();
    }

    @Test
    void readsAnAppointmentIdWithOrWithoutDashes() {
        UUID id = UUID.randomUUID();
        assertThat(CowinAppointments.parse(id.toString())).isEqualTo(id);
        assertThat(CowinAppointments.parse(id.toString().replace("-", "").toUpperCase())).isEqualTo(id);
        assertThatThrownBy(() -> CowinAppointments.parse("12345")).hasMessageContaining("cowin.error.parameter-invalid");
    }

    @Test
    void readsAMobileWithACountryCode() {
        assertThat(LoginApi.tenDigits("+91 98765-43210")).isEqualTo("9876543210");
        assertThat(LoginApi.tenDigits("09876543210")).isEqualTo("9876543210");
        assertThat(LoginApi.tenDigits("9876543210")).isEqualTo("9876543210");
    }
}
