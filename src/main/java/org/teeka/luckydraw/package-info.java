/**
 * Lucky-draw cards and verifiable district draws: one card number per person, issued with their
 * first dose, and draws that anyone can check (the seed's hash and the frozen list of eligible
 * cards are published before the draw, the seed after it; see docs/lucky-draw.md).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Lucky draw")
package org.teeka.luckydraw;
