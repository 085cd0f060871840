package org.teeka.session.web;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.teeka.account.StaffPrincipal;
import org.teeka.session.Session;
import org.teeka.session.Sessions;

import java.time.LocalDate;
import java.util.List;

/** A day's sessions in the signed-in staff member's scope, as JSON for dashboards. */
@RestController
class SessionApi {

    private final Sessions sessions;

    SessionApi(Sessions sessions) {
        this.sessions = sessions;
    }

    @GetMapping("/api/staff/sessions")
    List<Session> day(@RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
                      @AuthenticationPrincipal StaffPrincipal staff) {
        return sessions.on(date, staff.scope());
    }
}
