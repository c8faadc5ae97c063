package io.monstack.output;

import io.monstack.generate.GeneratedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Plans and applies the files of a stack: creates, updates what is still ours, leaves edited
 * files alone (conflicts), removes what is no longer generated. Each file is written atomically
 * and the manifest is updated around the writes, so a run killed at any point can be re-run.
 */
public final class StackWriter {
    public static final String SECRETS_FILE = ".env";
    private static final Set<PosixFilePermission> OWNER_ONLY = Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    /** Called before each file write; tests use it to inject a crash at any point. */
    public interface WriteHook {
        void beforeWrite(String path) throws IOException;
    }

    private final Path dir;
    private final WriteHook hook;

    public StackWriter(Path dir) {
        this(dir, path -> { });
    }

    public StackWriter(Path dir, WriteHook hook) {
        this.dir = dir;
        this.hook = hook;
    }

    public Plan plan(List<GeneratedFile> files) throws IOException {
        Manifest manifest = Manifest.load(dir);
        List<PlannedFile> planned = new ArrayList<>();
        Set<String> generated = new HashSet<>();
        for (GeneratedFile f : files) {
            generated.add(f.path());
            planned.add(new PlannedFile(f.path(), actionFor(manifest, f), f.bytes()));
        }
        for (String old : manifest.paths()) {
            Path existing = dir.resolve(old);
            if (generated.contains(old) || !Files.isRegularFile(existing)) {
                continue;
            }
            boolean ours = manifest.matches(old, Hashes.sha256(Files.readAllBytes(existing)));
            planned.add(new PlannedFile(old, ours ? FileAction.DELETE : FileAction.ORPHAN, null));
        }
        return new Plan(planned);
    }

    private FileAction actionFor(Manifest manifest, GeneratedFile f) throws IOException {
        Path target = dir.resolve(f.path());
        if (!Files.exists(target)) {
            return FileAction.CREATE;
        }
        String current = Hashes.sha256(Files.readAllBytes(target));
        if (current.equals(Hashes.sha256(f.bytes()))) {
            return FileAction.UNCHANGED;
        }
        return manifest.matches(f.path(), current) ? FileAction.UPDATE : FileAction.CONFLICT;
    }

    /**
     * Applies the plan. Conflicts are written only when {@code overwriteConflicts}; otherwise the
     * caller must not call this for a plan with conflicts.
     */
    public void apply(Plan plan, boolean overwriteConflicts) throws IOException {
        removeStaleTemps(plan);
        Manifest manifest = Manifest.load(dir);
        List<PlannedFile> toWrite = plan.files().stream()
                .filter(f -> f.action().writes() || (overwriteConflicts && f.action() == FileAction.CONFLICT))
                .toList();
        // Write-ahead: while writing, both the old and the new content count as ours.
        for (PlannedFile f : toWrite) {
            Path target = dir.resolve(f.path());
            String old = Files.exists(target) ? Hashes.sha256(Files.readAllBytes(target)) : null;
            manifest.put(f.path(), old, Hashes.sha256(f.content()));
        }
        manifest.save(dir);
        for (PlannedFile f : toWrite) {
            hook.beforeWrite(f.path());
            AtomicFiles.write(dir.resolve(f.path()), f.content());
        }
        for (PlannedFile f : plan.files()) {
            switch (f.action()) {
                case CREATE, UPDATE, UNCHANGED -> manifest.put(f.path(), Hashes.sha256(f.content()));
                case CONFLICT -> {
                    if (overwriteConflicts) {
                        manifest.put(f.path(), Hashes.sha256(f.content()));
                    }
                }
                case DELETE -> {
                    hook.beforeWrite(f.path());
                    Files.deleteIfExists(dir.resolve(f.path()));
                    manifest.remove(f.path());
                }
                case ORPHAN -> manifest.remove(f.path());
                default -> throw new IllegalStateException(f.action().name());
            }
        }
        manifest.save(dir);
    }

    /** Deletes the temp files (.NAME.monstack-N.tmp) a run killed mid-write left in the folders of the stack. */
    private void removeStaleTemps(Plan plan) throws IOException {
        Set<Path> folders = new HashSet<>();
        folders.add(dir.resolve(".monstack"));
        plan.files().forEach(f -> folders.add(dir.resolve(f.path()).getParent()));
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (java.util.stream.Stream<Path> s = Files.list(folder)) {
                for (Path p : s.filter(p -> p.getFileName().toString().matches("\\..+\\.monstack-\\d+\\.tmp")).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Creates .env with a random Grafana admin password, once; an existing .env is never touched. */
    public boolean ensureSecrets() throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String content = "# Generated by monstack: secrets for compose. Keep out of git (see .gitignore).\n"
                + "GRAFANA_ADMIN_PASSWORD=" + password + "\n";
        return AtomicFiles.createNew(dir.resolve(SECRETS_FILE), content.getBytes(StandardCharsets.UTF_8), OWNER_ONLY);
    }
}
