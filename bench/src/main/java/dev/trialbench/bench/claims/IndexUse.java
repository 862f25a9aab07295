package dev.trialbench.bench.claims;

import dev.trialbench.bench.runfolder.EvidenceLookup;
import dev.trialbench.bench.runfolder.RunEvidence.IndexAudit;
import dev.trialbench.bench.runfolder.RunEvidence.IndexNote;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the workload used one of the report's Fix 2 indexes. "Kept as written; unused by this
 * workload" is a finding about the report, not a failure of the run: the indexes are built exactly as
 * the report wrote them, and the audit says which of them earned their keep. Immutable.
 *
 * @param scans index scans during the measurements, null when the audit did not see the index
 */
public record IndexUse(String index, String table, Long scans, String finding) {

    /** The report's Fix 2, in its order: index and table. */
    static final List<List<String>> FIX_2 = List.of(
            List.of("idx_users_google_id", "users"),
            List.of("idx_users_password_hash", "users"),
            List.of("idx_free_trial_tokens_user_id", "free_trial_tokens"),
            List.of("idx_free_trial_tokens_status", "free_trial_tokens"),
            List.of("idx_device_fingerprints_hash", "device_fingerprints"),
            List.of("idx_device_fingerprints_user", "device_fingerprints"),
            List.of("idx_fraud_flags_user_fingerprint", "trial_fraud_flags"),
            List.of("idx_login_sessions_ip_time", "login_sessions"),
            List.of("idx_payment_verifications_card", "payment_verifications"),
            List.of("idx_ascora_jobs_org_status", "ascora_jobs"),
            List.of("idx_ascora_customers_org_email", "ascora_customers"),
            List.of("idx_reports_user_created", "reports"),
            List.of("idx_reports_covering", "reports"));

    public static final String UNUSED = "kept as written; unused by this workload";

    /** One entry per Fix 2 index, in the report's order; empty when the run recorded no audit. */
    static List<IndexUse> of(IndexAudit audit) {
        if (audit == null) {
            return List.of();
        }
        Map<String, Long> scans = audit.scansPerIndex() == null ? Map.of() : audit.scansPerIndex();
        Set<String> unused = names(audit.unused());
        Set<String> invalid = names(audit.invalid());
        List<IndexUse> uses = new ArrayList<>();
        for (List<String> index : FIX_2) {
            String name = index.get(0);
            Long count = scans.get(name);
            List<String> finding = new ArrayList<>();
            if (invalid.contains(name)) {
                finding.add("INVALID: the build failed and left it unusable");
            }
            if (count == null && !unused.contains(name)) {
                finding.add("not seen by the audit (not built?)");
            } else if (unused.contains(name) || count == 0) {
                finding.add(UNUSED);
            } else {
                finding.add("used by the workload");
            }
            EvidenceLookup.list(audit.duplicates()).stream().filter(note -> name.equals(note.index()))
                    .forEach(note -> finding.add("duplicate: " + note.reason()));
            uses.add(new IndexUse(name, index.get(1), count, String.join("; ", finding)));
        }
        return uses;
    }

    private static Set<String> names(List<IndexNote> notes) {
        return EvidenceLookup.list(notes).stream().map(IndexNote::index).collect(Collectors.toSet());
    }
}
