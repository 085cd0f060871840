package org.teeka.luckydraw;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.teeka.IntegrationTest;
import org.teeka.account.StaffAccounts;
import org.teeka.account.StaffPrincipal;
import org.teeka.beneficiary.Beneficiaries;
import org.teeka.vaccination.DoseRecords;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The standalone verifier in docs/ (its own JVM, none of Teeka's classes) recomputes a real draw
 * from what the public page publishes: the downloaded list, the revealed seed, the two hashes.
 */
@IntegrationTest
class LuckyDrawVerificationIntegrationTests {

    private static final Path VERIFIER = Path.of("docs", "VerifyLuckyDraw.java");

    @Autowired
    LuckyDraws draws;

    @Autowired
    DoseRecords doses;

    @Autowired
    Beneficiaries beneficiaries;

    @Autowired
    StaffAccounts accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @TempDir
    Path temp;

    @Test
    void theStandaloneVerifierAgreesWithARealDraw() throws Exception {
        LuckyDraw draw = aDrawMade(LocalDate.of(2024, 4, 1), 25, 4);
        Path list = download(draw);

        Run run = verify(list, draw.seedHex(), draw.winnersWanted(), draw.listSha256(), draw.seedSha256());

        assertThat(run.exit()).as(run.output().toString()).isZero();
        assertThat(run.output()).contains("list sha-256 " + draw.listSha256(), "seed sha-256 " + draw.seedSha256());
        List<String> winners = run.output().stream().filter(line -> line.startsWith("winner ")).map(line -> line.split(" ")[2]).toList();
        assertThat(winners).isEqualTo(draw.winners().stream().map(CardNumber::value).toList());
    }

    @Test
    void theVerifierCatchesAnotherSeedOrAnAlteredList() throws Exception {
        LuckyDraw draw = aDrawMade(LocalDate.of(2024, 4, 5), 6, 2);
        Path list = download(draw);
        String otherSeed = "00".repeat(32);
        assertThat(verify(list, otherSeed, 2, draw.listSha256(), draw.seedSha256()).exit()).isEqualTo(1);

        List<String> lines = new ArrayList<>(Files.readAllLines(list));
        lines.removeLast();
        Path shorter = Files.write(temp.resolve("shorter.txt"), (String.join("\n", lines) + "\n").getBytes(StandardCharsets.US_ASCII));
        Run altered = verify(shorter, draw.seedHex(), 2, draw.listSha256(), draw.seedSha256());
        assertThat(altered.exit()).isEqualTo(1);
        assertThat(altered.output()).contains("MISMATCH: the list's SHA-256 is not the published one");
    }

    private LuckyDraw aDrawMade(LocalDate day, int people, int winners) {
        var fixtures = new LuckyDrawFixtures(beneficiaries, doses, jdbc);
        for (int i = 0; i < people; i++) {
            fixtures.vaccinatedIn(LuckyDrawFixtures.PRAYAGRAJ, day);
        }
        StaffPrincipal admin = accounts.find("district.prayagraj").orElseThrow();
        LuckyDraw announced = draws.announce(LuckyDrawFixtures.PRAYAGRAJ, day, day, winners, admin.scope(), admin.id());
        return draws.draw(announced.id(), admin.scope(), admin.id());
    }

    /** The list as anyone downloads it from the public page, without signing in. */
    private Path download(LuckyDraw draw) throws Exception {
        byte[] body = mvc.perform(get("/lucky-draws/{id}/eligible.txt", draw.id()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        return Files.write(temp.resolve("eligible-" + draw.id() + ".txt"), body);
    }

    record Run(int exit, List<String> output) {
    }

    private Run verify(Path list, String seedHex, int winners, String listSha, String seedSha) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(java, VERIFIER.toString(), list.toString(), seedHex, String.valueOf(winners), listSha, seedSha)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output.lines().toList());
    }
}
