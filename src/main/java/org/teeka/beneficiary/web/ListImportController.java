package org.teeka.beneficiary.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ContentDisposition;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.teeka.account.Permission;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.BeneficiaryLists;
import org.teeka.beneficiary.ListImport;
import org.teeka.beneficiary.list.ListColumn;
import org.teeka.center.Center;
import org.teeka.center.Centers;
import org.teeka.geo.District;
import org.teeka.geo.Geography;
import org.teeka.vaccine.VaccineCatalog;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** District staff upload beneficiary lists, follow their import and download the report. */
@Controller
class ListImportController {

    private static final int REFUSED_SHOWN = 100;

    private final BeneficiaryLists lists;
    private final Geography geography;
    private final Centers centers;
    private final VaccineCatalog vaccines;
    private final String maxFileSize;

    ListImportController(BeneficiaryLists lists, Geography geography, Centers centers, VaccineCatalog vaccines,
                         @org.springframework.beans.factory.annotation.Value("${spring.servlet.multipart.max-file-size:20MB}") DataSize maxFileSize) {
        this.lists = lists;
        this.geography = geography;
        this.centers = centers;
        this.vaccines = vaccines;
        this.maxFileSize = maxFileSize.toMegabytes() + " MB";
    }

    /** What the upload form holds besides the file. */
    record ListUploadForm(Integer districtId, List<Integer> centerIds, String vaccineCode, String requestKey) {
    }

    @GetMapping("/staff/lists")
    String list(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("imports", lists.visibleTo(staff.scope(), 100));
        model.addAttribute("districts", districtsByIdOf(staff));
        return "beneficiary/lists";
    }

    @GetMapping("/staff/lists/new")
    String form(@ModelAttribute("form") ListUploadForm form, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        staff.scope().require(Permission.IMPORT_BENEFICIARIES);
        return form(form, staff, model, null);
    }

    @PostMapping("/staff/lists/new")
    String upload(@RequestParam(required = false) MultipartFile file, @ModelAttribute("form") ListUploadForm form, BindingResult errors,
                  @AuthenticationPrincipal StaffPrincipal staff, Locale locale, Model model) throws IOException {
        staff.scope().require(Permission.IMPORT_BENEFICIARIES);
        // a district named in the form is checked against the scope by the service, never silently replaced
        Integer districtId = form.districtId() != null ? form.districtId() : staff.scope().districtId();
        if (districtId == null) {
            errors.reject("beneficiary.error.list-district-required");
            return form(form, staff, model, null);
        }
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            errors.reject("beneficiary.error.list-file-required");
            return form(form, staff, model, districtId);
        }
        ListImport started;
        try {
            started = lists.start(form.requestKey(), file.getOriginalFilename(), file, districtId, form.centerIds(), form.vaccineCode(),
                    staff.scope(), staff.getUsername(), locale);
        } catch (BeneficiaryLists.ListRefusedException refused) {
            errors.reject(refused.code(), refused.arguments(), refused.code());
            return form(form, staff, model, districtId);
        }
        return "redirect:/staff/lists/" + started.id();
    }

    @GetMapping("/staff/lists/{id}")
    String show(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        ListImport found = lists.get(id, staff.scope());
        model.addAttribute("listImport", found);
        model.addAttribute("district", geography.district(found.districtId()).orElseThrow());
        model.addAttribute("refused", lists.refusedRows(id, staff.scope(), REFUSED_SHOWN));
        model.addAttribute("refusedShown", REFUSED_SHOWN);
        model.addAttribute("lists", lists);
        return "beneficiary/list";
    }

    /** The report as a CSV download in the reader's language; a byte order mark tells Excel it is UTF-8, so Hindi shows. */
    @GetMapping("/staff/lists/{id}/report")
    void report(@PathVariable long id, @AuthenticationPrincipal StaffPrincipal staff, Locale locale, HttpServletResponse response)
            throws IOException {
        lists.get(id, staff.scope());
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("list-" + id + "-report.csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        lists.writeReport(id, staff.scope(), locale, out);
        out.flush();
    }

    private String form(ListUploadForm form, StaffPrincipal staff, Model model, Integer chosenDistrict) {
        List<District> districts = geography.districtsWithin(staff.scope().stateId(), staff.scope().districtId());
        Integer districtId = chosenDistrict != null ? chosenDistrict
                : staff.scope().districtId() != null ? staff.scope().districtId() : form.districtId();
        boolean known = districtId != null && districts.stream().anyMatch(d -> d.id() == districtId);
        List<Center> districtCenters = known ? centers.inDistrict(districtId) : List.of();
        model.addAttribute("districts", districts);
        model.addAttribute("districtId", known ? districtId : null);
        model.addAttribute("centers", districtCenters);
        model.addAttribute("chosenCenters", form.centerIds() == null ? List.of() : form.centerIds());
        model.addAttribute("vaccines", vaccines.all());
        model.addAttribute("columns", ListColumn.values());
        model.addAttribute("maxFileSize", maxFileSize);
        // one key per form shown: the same form sent twice (a double click, a retry) is one import
        model.addAttribute("requestKey", java.util.UUID.randomUUID().toString());
        return "beneficiary/list-form";
    }

    private Map<Integer, District> districtsByIdOf(StaffPrincipal staff) {
        return geography.districtsWithin(staff.scope().stateId(), staff.scope().districtId()).stream()
                .collect(Collectors.toMap(District::id, Function.identity()));
    }
}
