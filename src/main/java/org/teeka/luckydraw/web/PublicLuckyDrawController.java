package org.teeka.luckydraw.web;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.teeka.geo.Geography;
import org.teeka.luckydraw.DrawAlgorithm;
import org.teeka.luckydraw.LuckyDraw;
import org.teeka.luckydraw.LuckyDraws;

/**
 * The public record of every district's draws, open to anyone without signing in: status, range,
 * hashes, the eligible list to download, the revealed seed and the winning card numbers (never a
 * name or a phone number).
 */
@Controller
class PublicLuckyDrawController {

    private final LuckyDraws draws;
    private final Geography geography;

    PublicLuckyDrawController(LuckyDraws draws, Geography geography) {
        this.draws = draws;
        this.geography = geography;
    }

    @GetMapping("/lucky-draws")
    String index(@RequestParam(required = false) Integer state, @RequestParam(required = false) Integer district, Model model) {
        Integer stateId = state;
        if (district != null) {
            var chosen = geography.district(district);
            if (chosen.isPresent()) {
                stateId = chosen.get().stateId();
                model.addAttribute("district", chosen.get());
                model.addAttribute("draws", draws.inDistrict(district));
            }
        }
        if (stateId != null && geography.state(stateId).isPresent()) {
            model.addAttribute("state", geography.state(stateId).get());
            model.addAttribute("districtChoices", geography.districtsOf(stateId));
        }
        model.addAttribute("states", geography.states());
        model.addAttribute("districtsWithDraws", draws.districtsWithDraws().keySet().stream()
                .flatMap(id -> geography.district(id).stream()).toList());
        model.addAttribute("geography", geography);
        return "luckydraw/public";
    }

    @GetMapping("/lucky-draws/{id}")
    String show(@PathVariable long id, Model model) {
        LuckyDraw draw = draws.get(id);
        model.addAttribute("draw", draw);
        model.addAttribute("drawDistrict", geography.district(draw.districtId()).orElseThrow());
        model.addAttribute("geography", geography);
        return "luckydraw/draw";
    }

    /** The frozen eligible list exactly as hashed: one card number per line. */
    @GetMapping("/lucky-draws/{id}/eligible.txt")
    ResponseEntity<byte[]> eligible(@PathVariable long id) {
        draws.get(id);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.US_ASCII))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("lucky-draw-" + id + "-eligible.txt").build().toString())
                .body(DrawAlgorithm.publishedList(draws.eligibleList(id)));
    }
}
