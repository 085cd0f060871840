package org.teeka.luckydraw.web;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.teeka.account.CitizenPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.beneficiary.Beneficiary;
import org.teeka.geo.Geography;
import org.teeka.luckydraw.LuckyDrawCard;
import org.teeka.luckydraw.LuckyDrawCards;

import java.util.List;
import java.util.UUID;

/**
 * The signed-in citizen's family members and their lucky-draw cards. The family page (in booking)
 * loads each member's card as a fragment through htmx, so booking needs no Java dependency on this
 * module (only certificate may depend on luckydraw).
 */
@Controller
class CitizenCardController {

    private final Beneficiaries beneficiaries;
    private final LuckyDrawCards cards;
    private final Geography geography;

    CitizenCardController(Beneficiaries beneficiaries, LuckyDrawCards cards, Geography geography) {
        this.beneficiaries = beneficiaries;
        this.cards = cards;
        this.geography = geography;
    }

    /** A family member beside their card; {@code card} is null before their first dose. */
    record MemberCard(Beneficiary member, LuckyDrawCard card) {
    }

    @GetMapping("/citizen/lucky-draw")
    String page(@AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        model.addAttribute("cards", memberCards(citizen));
        model.addAttribute("geography", geography);
        return "luckydraw/citizen";
    }

    /** One member's card as a fragment, which the family page loads beside the member; empty before the first dose. */
    @GetMapping("/citizen/lucky-draw/members/{id}/card")
    String memberCard(@PathVariable UUID id, @AuthenticationPrincipal CitizenPrincipal citizen, Model model) {
        Beneficiary member = beneficiaries.get(id, citizen.mobile());
        model.addAttribute("card", cards.cardOf(member.id()).orElse(null));
        return "luckydraw/citizen :: member-card";
    }

    private List<MemberCard> memberCards(CitizenPrincipal citizen) {
        List<Beneficiary> family = beneficiaries.family(citizen.mobile());
        var byMember = cards.cardsOf(family.stream().map(Beneficiary::id).toList());
        return family.stream().map(member -> new MemberCard(member, byMember.get(member.id()))).toList();
    }
}
