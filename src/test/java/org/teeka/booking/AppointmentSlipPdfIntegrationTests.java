package org.teeka.booking;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.center.Centers;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import javax.imageio.ImageIO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class AppointmentSlipPdfIntegrationTests {

    @Autowired
    MockMvc mvc;

    @Autowired
    Bookings bookings;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    Centers centers;

    @Autowired
    Sessions sessions;

    @Test
    void theSlipPdfCarriesTheSecurityCodeAndIsSetInHindiToo() throws Exception {
        var fixtures = new BookingFixtures(beneficiaries, centers, sessions);
        Beneficiary person = fixtures.residentBornIn(1985);
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 5, 0, 18, null);
        Appointment appointment = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null,
                Appointment.Source.CITIZEN, Locale.ENGLISH);

        for (String language : new String[] {"en", "hi"}) {
            byte[] pdf = mvc.perform(get("/citizen/appointments/{id}/slip.pdf", appointment.id())
                            .with(authentication(citizen(person.mobile()))).header("Accept-Language", language))
                    .andExpect(status().isOk())
                    .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                    .andReturn().getResponse().getContentAsByteArray();
            try (var document = Loader.loadPDF(pdf)) {
                String text = new PDFTextStripper().getText(document);
                assertThat(text).contains(appointment.securityCode()).contains(appointment.confirmationNumber())
                        .contains(person.referenceId());
                assertThat(text).contains(language.equals("hi") ? "सुरक्षा कोड" : "Security code");
                Path png = Path.of("target/screenshots/citizen-slip-pdf." + language + ".png");
                Files.createDirectories(png.getParent());
                ImageIO.write(new PDFRenderer(document).renderImageWithDPI(0, 110), "png", png.toFile());
            }
        }
    }

    @Test
    void anotherFamilysSlipIsNotFound() throws Exception {
        var fixtures = new BookingFixtures(beneficiaries, centers, sessions);
        Beneficiary person = fixtures.residentBornIn(1985);
        Session session = fixtures.sessionWithPlaces(BookingFixtures.tomorrow(), "COVAXIN", 5, 0, 18, null);
        Appointment appointment = bookings.book(person.mobile(), person.id(), session.id(), 1, 1, null,
                Appointment.Source.CITIZEN, Locale.ENGLISH);

        mvc.perform(get("/citizen/appointments/{id}/slip.pdf", appointment.id())
                        .with(authentication(citizen(BookingFixtures.newMobile()))))
                .andExpect(status().isNotFound());
    }

    private static UsernamePasswordAuthenticationToken citizen(String mobile) {
        return UsernamePasswordAuthenticationToken.authenticated(new CitizenPrincipal(mobile), null,
                AuthorityUtils.createAuthorityList("ROLE_CITIZEN"));
    }
}
