package org.teeka.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import org.teeka.notification.HttpDeliveryReports;

/**
 * The callback an HTTP SMS provider calls with a delivery report, as a GET with query parameters
 * or a form POST (providers do both). The shared secret comes in the {@code X-Teeka-Secret} header
 * or the {@code secret} parameter. 204 once a final report is written (the provider stops
 * retrying), 403 for a wrong secret, 400 for a report that cannot be read.
 */
@RestController
class DeliveryReportController {

    private final HttpDeliveryReports reports;

    DeliveryReportController(HttpDeliveryReports reports) {
        this.reports = reports;
    }

    @RequestMapping(path = "/api/sms/delivery-reports", method = {RequestMethod.GET, RequestMethod.POST})
    ResponseEntity<Void> report(@RequestHeader(name = "X-Teeka-Secret", required = false) String secretHeader,
                                HttpServletRequest request) throws InterruptedException {
        String secret = secretHeader != null ? secretHeader : request.getParameter("secret");
        reports.report(secret, request.getParameter(reports.idParameter()), request.getParameter(reports.statusParameter()));
        return ResponseEntity.noContent().build();
    }
}
