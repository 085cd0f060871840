package org.teeka.platform.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.teeka.IntegrationTest;
import org.teeka.account.CitizenPrincipal;
import org.thymeleaf.ITemplateEngine;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages a refusal is answered with are made once and sent to everyone, so nothing of the
 * request they were first made for may end up in them: the real templates and messages, and a
 * request carrying what the layout would show for a signed-in citizen.
 */
@IntegrationTest
class ShedPagesIntegrationTests {

    @Autowired
    ITemplateEngine templates;

    @Autowired
    MessageSource messages;

    @Test
    void aPageMadeForOneCallerShowsNothingOfThemToTheNext() {
        var pages = new ShedPages(templates, messages, "3");
        var first = new MockHttpServletRequest("GET", "/citizen/search");
        first.setAttribute("citizen", new CitizenPrincipal("9812345678"));
        first.setAttribute("notice", "booking.notice.booked");

        String page = new String(pages.waitingRoom(first, new MockHttpServletResponse(), Languages.HINDI, 7, 5),
                StandardCharsets.UTF_8);
        assertThat(page).contains("कतार में आपका स्थान: 7").contains("lang=\"hi\"")
                .doesNotContain("5678").doesNotContain("/citizen/logout");
        assertThat(new String(pages.errorPage(first, new MockHttpServletResponse(), Languages.ENGLISH), StandardCharsets.UTF_8))
                .contains("Please try again in 3 seconds").doesNotContain("5678").doesNotContain("/citizen/logout");

        // the next caller, with no one signed in, gets the same page with their own place in line
        String next = new String(pages.waitingRoom(new MockHttpServletRequest("GET", "/citizen"), new MockHttpServletResponse(),
                Languages.HINDI, 1234, 5), StandardCharsets.UTF_8);
        assertThat(next).isEqualTo(page.replace("कतार में आपका स्थान: 7", "कतार में आपका स्थान: 1234"));
    }
}
