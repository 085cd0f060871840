package org.teeka.vaccination.web;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.list.ListFileException;
import org.teeka.platform.CsvCells;
import org.teeka.vaccination.CenterSync;
import org.teeka.vaccination.PaperRegister;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** A center's staff upload the paper dose register kept during an outage and read (or download) the per-row report. */
@Controller
class PaperRegisterController {

    private final PaperRegister register;
    private final MessageSource messages;
    private final String maxFileSize;

    PaperRegisterController(PaperRegister register, MessageSource messages,
                            @Value("${spring.servlet.multipart.max-file-size:20MB}") DataSize maxFileSize) {
        this.register = register;
        this.messages = messages;
        this.maxFileSize = maxFileSize.toMegabytes() + " MB";
    }

    @GetMapping("/staff/center/register")
    String form(@AuthenticationPrincipal StaffPrincipal staff, Model model) {
        CenterSync.requireRecorder(staff);
        return page(staff, model);
    }

    @PostMapping("/staff/center/register")
    String upload(@RequestParam(required = false) MultipartFile file, @AuthenticationPrincipal StaffPrincipal staff, Locale locale,
                  Model model) throws IOException {
        CenterSync.requireRecorder(staff);
        if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
            model.addAttribute("problem", messages.getMessage("offline.register.error.file-required", null, locale));
            return page(staff, model);
        }
        Path copy = Files.createTempFile("teeka-register-", ".csv");
        try {
            file.transferTo(copy);
            UUID id = register.importFile(copy, file.getOriginalFilename(), staff, locale);
            return "redirect:/staff/center/register/" + id;
        } catch (ListFileException refused) {
            model.addAttribute("problem", messages.getMessage(refused.code(), refused.arguments().toArray(), locale));
            return page(staff, model);
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    @GetMapping("/staff/center/register/{id}")
    String show(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal staff, Model model) {
        model.addAttribute("imported", register.find(id, staff));
        return "vaccination/register";
    }

    /** The report as CSV; a byte order mark tells Excel it is UTF-8, so Hindi shows. Cells are made safe for spreadsheets. */
    @GetMapping("/staff/center/register/{id}/report")
    void report(@PathVariable UUID id, @AuthenticationPrincipal StaffPrincipal staff, Locale locale, HttpServletResponse response)
            throws IOException {
        PaperRegister.Imported imported = register.find(id, staff);
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename("register-" + id + "-report.csv").build().toString());
        Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
        out.write('\uFEFF');
        var printer = new CSVPrinter(out, CSVFormat.RFC4180);
        printer.printRecord(List.of("row", "reference_id", "dose", "lot_number", "outcome", "message"));
        for (PaperRegister.ReportRow row : imported.rows()) {
            printer.printRecord(String.valueOf(row.rowNo()), CsvCells.safe(row.referenceId()), CsvCells.safe(row.dose()),
                    CsvCells.safe(row.lotNumber()), row.outcome(), CsvCells.safe(row.message()));
        }
        printer.flush();
    }

    private String page(StaffPrincipal staff, Model model) {
        model.addAttribute("recent", register.recent(staff));
        model.addAttribute("columns", PaperRegister.Column.values());
        model.addAttribute("maxRows", PaperRegister.MAX_ROWS);
        model.addAttribute("maxFileSize", maxFileSize);
        return "vaccination/register-form";
    }
}
