package org.teeka.vaccination.web;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Gender;
import org.teeka.beneficiary.PhotoIdType;
import org.teeka.platform.OutOfScopeException;
import org.teeka.platform.TeekaException;
import org.teeka.vaccination.CenterSync;
import org.teeka.vaccination.DoseEntry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.Locale;

/**
 * The offline console: a page (the app shell, cached by a service worker) and its two calls, the
 * day's list to keep and the sync of what the device recorded. Only a center's own staff.
 */
@Controller
class OfflineCenterController {

    @GetMapping("/staff/center/offline")
    String page(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        if (staff.scope().centerId() == null || !staff.scope().allows(Permission.RECORD_DOSES)) {
            throw new OutOfScopeException();
        }
        model.addAttribute("maxBatch", CenterSync.MAX_BATCH);
        model.addAttribute("genders", Gender.values());
        model.addAttribute("idTypes", PhotoIdType.values());
        return "vaccination/offline";
    }

    /** JSON calls of the offline console; errors as problem details. */
    @RestController
    static class Api {

        private final CenterSync sync;

        Api(CenterSync sync) {
            this.sync = sync;
        }

        @GetMapping("/api/staff/center/day-list")
        CenterSync.DayList dayList(@AuthenticationPrincipal StaffPrincipal staff, Locale locale) {
            return sync.dayList(staff, locale);
        }

        @PostMapping("/api/staff/center/sync")
        @ResponseBody
        SyncAnswer sync(@RequestBody SyncRequest request, @AuthenticationPrincipal StaffPrincipal staff, Locale locale) {
            CenterSync.requireRecorder(staff);
            if (request.deviceId() == null || request.deviceId().isBlank() || request.deviceId().length() > 100) {
                throw new SyncRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "offline.error.device-id");
            }
            if (request.items() == null || request.items().isEmpty()) {
                throw new SyncRefusedException(HttpStatus.UNPROCESSABLE_CONTENT, "offline.error.no-items");
            }
            if (request.items().size() > CenterSync.MAX_BATCH) {
                throw new SyncRefusedException(HttpStatus.CONTENT_TOO_LARGE, "offline.error.batch-too-large",
                        String.valueOf(CenterSync.MAX_BATCH));
            }
            String deviceId = request.deviceId().strip();
            var results = new ArrayList<CenterSync.ItemResult>(request.items().size());
            for (SyncItem item : request.items()) {
                results.add(item != null && SyncItem.WALK_IN.equals(item.kind()) ? sync.walkIn(deviceId, item.asWalkIn(), staff, locale)
                        : sync.sync(deviceId, Collections.singletonList(item == null ? null : item.asDose()), staff, locale).getFirst());
            }
            return new SyncAnswer(results);
        }
    }

    /** A device's batch: its id and the doses it recorded, each with its own event id. */
    record SyncRequest(String deviceId, List<SyncItem> items) {
    }

    /**
     * One item a device kept: a dose of someone on the day's list, or (kind {@code walk-in}) someone
     * registered at the center while offline, with the person's details beside the dose.
     */
    record SyncItem(String kind, UUID eventId, UUID beneficiaryId, int dose, String vaccineCode, String lotNumber, UUID sessionId,
                    Instant administeredAt, String name, Integer birthYear, String gender, String mobile, String idType, String idNumber) {

        static final String WALK_IN = "walk-in";

        DoseEntry asDose() {
            return new DoseEntry(eventId, beneficiaryId, dose, vaccineCode, lotNumber, sessionId, administeredAt, null);
        }

        CenterSync.WalkIn asWalkIn() {
            return new CenterSync.WalkIn(eventId, name, birthYear, gender, mobile, idType, idNumber, dose, vaccineCode, lotNumber,
                    sessionId, administeredAt);
        }
    }

    /** One result per item, in the order sent. */
    record SyncAnswer(List<CenterSync.ItemResult> results) {
    }

    static class SyncRefusedException extends TeekaException {

        SyncRefusedException(HttpStatus status, String code, Object... arguments) {
            super(status, code, arguments);
        }
    }
}
