package io.monstack.compose;

import io.monstack.stack.UserException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the merged tree of a compose project into {@link ComposeProject}: the keys monstack needs,
 * type-checked with file:line:column. A value that interpolation left out is noted once it is
 * read, naming where it was and why.
 */
final class ComposeModelReader {
    private static final Set<String> TOP = Set.of("version", "name", "services", "networks", "volumes", "secrets", "configs",
            "include", "models");
    /** compose-go's rule for a project name (name: and COMPOSE_PROJECT_NAME must already be one). */
    static final Pattern PROJECT_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]*$");
    private static final int MAX_RANGE = 100;
    private static final String TCP = "tcp";
    /** The protocols the engine publishes and exposes. */
    private static final Set<String> PROTOCOLS = Set.of(TCP, "udp", "sctp");

    private final List<String> notes;
    private final Path projectDir;

    private ComposeModelReader(Path projectDir, List<String> notes) {
        this.projectDir = projectDir;
        this.notes = notes;
    }

    /**
     * The project of root (the merged files, named by files for messages); envProjectName:
     * COMPOSE_PROJECT_NAME from the environment or .env, or null.
     */
    static ComposeProject read(ComposeNode root, String files, Path projectDir, String envProjectName, List<String> notes) {
        return new ComposeModelReader(projectDir, notes).project(root, files, envProjectName);
    }

    private ComposeProject project(ComposeNode root, String files, String envProjectName) {
        if (!(root instanceof ComposeNode.Mapping top)) {
            throw new UserException(root.at().prefix() + "not a compose file: it must be a mapping with services:");
        }
        for (String key : top.entries().keySet()) {
            if (!TOP.contains(key) && !key.startsWith("x-")) {
                throw new UserException(top.whereKey(key).prefix() + "not a compose file: unknown top-level key " + Shown.value(key)
                        + " (a compose file has services:, networks:, volumes:, ..., and x- extensions)");
            }
        }
        if (top.get("include") != null) {
            notes.add(top.whereKey("include") + ": include: is not followed; give the included files with more --compose");
        }
        ComposeNode services = top.get("services");
        if (!(services instanceof ComposeNode.Mapping svc)) {
            throw new UserException((services == null ? Where.file(files) : services.at()).prefix()
                    + "not a compose file: it has no services: mapping");
        }
        String name = projectName(top, envProjectName);
        Map<String, ComposeNetwork> networks = networks(top.get("networks"), name, Where.file(files));
        List<ComposeService> list = new ArrayList<>();
        svc.entries().forEach((serviceName, node) -> list.add(service(serviceName, node, svc.whereKey(serviceName), networks)));
        return new ComposeProject(name, list, networks, files);
    }

    /** COMPOSE_PROJECT_NAME, else name:, else the project folder's name, normalised as Compose does. */
    private String projectName(ComposeNode.Mapping top, String envProjectName) {
        if (envProjectName != null && !envProjectName.isEmpty()) {
            if (!PROJECT_NAME.matcher(envProjectName).matches()) {
                throw new UserException("COMPOSE_PROJECT_NAME " + Shown.value(envProjectName) + " is not a compose project name "
                        + "(lowercase letters, digits, '-' and '_', starting with a letter or digit)");
            }
            return envProjectName;
        }
        String name = text(top, "name", "the project name");
        if (name != null) {
            if (!PROJECT_NAME.matcher(name).matches()) {
                throw new UserException(top.get("name").at().prefix() + "name " + Shown.value(name) + " is not a compose project name "
                        + "(lowercase letters, digits, '-' and '_', starting with a letter or digit)");
            }
            return name;
        }
        Path folder = projectDir.getFileName();
        String normal = normalise(folder == null ? "" : folder.toString());
        if (normal.isEmpty()) {
            throw new UserException("the compose project has no name: its folder " + projectDir + " gives none; "
                    + "set name: in the compose file or COMPOSE_PROJECT_NAME");
        }
        return normal;
    }

    /** compose-go's NormalizeProjectName: lowercase, only [a-z0-9_-], no leading '_' or '-'. */
    static String normalise(String folder) {
        String lower = folder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[_-]+", "");
    }

    /** The networks by key; the project's default one is there even when the files do not define it (at: the files). */
    private Map<String, ComposeNetwork> networks(ComposeNode node, String project, Where files) {
        Map<String, ComposeNetwork> out = new LinkedHashMap<>();
        if (node != null && !(node instanceof ComposeNode.Scalar s && s.isNull())) {
            ComposeNode.Mapping m = mapping(node, "networks");
            m.entries().forEach((key, value) -> out.put(key, network(key, value, m.whereKey(key), project)));
        }
        out.putIfAbsent(ComposeProject.DEFAULT_NETWORK, new ComposeNetwork(ComposeProject.DEFAULT_NETWORK,
                project + "_" + ComposeProject.DEFAULT_NETWORK, false, null, null, files));
        return out;
    }

    private ComposeNetwork network(String key, ComposeNode node, Where at, String project) {
        String what = "network " + Shown.name(key);
        if (node instanceof ComposeNode.Scalar s && s.isNull()) {
            return new ComposeNetwork(key, project + "_" + key, false, null, null, at);
        }
        ComposeNode.Mapping m = mapping(node, what);
        String name = text(m, "name", what + " name");
        ComposeNode external = m.get("external");
        boolean isExternal = false;
        if (external instanceof ComposeNode.Mapping old) {
            // the old syntax: external: {name: real-name}
            isExternal = true;
            String oldName = text(old, "name", what + " external.name");
            name = oldName != null ? oldName : name;
        } else if (external != null) {
            isExternal = bool(external, what + " external");
        }
        String realName = name != null ? name : isExternal ? key : project + "_" + key;
        ComposeNode attachable = m.get("attachable");
        return new ComposeNetwork(key, realName, isExternal, text(m, "driver", what + " driver"),
                attachable == null ? null : bool(attachable, what + " attachable"), at);
    }

    private ComposeService service(String name, ComposeNode node, Where at, Map<String, ComposeNetwork> networks) {
        String what = "service " + Shown.name(name);
        ComposeNode.Mapping m = node instanceof ComposeNode.Scalar s && s.isNull()
                ? new ComposeNode.Mapping(Map.of(), Map.of(), at, ComposeNode.MergeTag.NONE) : mapping(node, what);
        if (m.get("extends") != null) {
            notes.add(m.whereKey("extends") + ": " + what + ": extends: is not followed; only what the service itself says is read");
        }
        List<ComposeService.ContainerPort> ports = new ArrayList<>();
        List<ComposeService.PublishedPort> published = new ArrayList<>();
        for (ComposeNode item : items(m.get("ports"), what + " ports")) {
            ports.addAll(port(item, what, published));
        }
        List<ComposeService.ContainerPort> expose = new ArrayList<>();
        for (ComposeNode item : items(m.get("expose"), what + " expose")) {
            String text = scalar(item, what + " expose");
            if (text != null) {
                expose.addAll(exposed(text, item.at(), what));
            }
        }
        Map<String, ComposeService.Label> labels = new LinkedHashMap<>();
        ComposeNode deploy = m.get("deploy");
        ComposeNode.Mapping d = deploy == null ? null : mapping(deploy, what + " deploy");
        if (d != null) {
            labels.putAll(labels(d.get("labels"), what + " deploy.labels"));
        }
        labels.putAll(labels(m.get("labels"), what + " labels"));
        Integer replicas = d == null ? null : integer(d, "replicas", what + " deploy.replicas");
        Integer scale = integer(m, "scale", what + " scale");
        boolean global = d != null && "global".equals(text(d, "mode", what + " deploy.mode"));
        List<String> profiles = new ArrayList<>();
        for (ComposeNode item : items(m.get("profiles"), what + " profiles")) {
            String p = scalar(item, what + " profiles");
            if (p != null) {
                profiles.add(p);
            }
        }
        String containerName = text(m, "container_name", what + " container_name");
        Integer count = replicas != null ? replicas : scale;
        if (containerName != null && count != null && count > 1) {
            throw new UserException(m.whereKey("container_name").prefix() + what + " has container_name and " + count
                    + " replicas, which Compose refuses (a container name is unique); remove one of them");
        }
        String networkMode = text(m, "network_mode", what + " network_mode");
        List<String> joined = serviceNetworks(m, what, networks);
        return new ComposeService(name, at, text(m, "image", what + " image"), ports, published, expose, labels,
                containerName, count, global, profiles,
                networkMode == null ? joined : List.of(), networkMode, DockerfileFrom.of(m.get("build"), projectDir, what, notes));
    }

    /** The network keys a service joins: its networks: (list or mapping), else the project's default one. */
    private List<String> serviceNetworks(ComposeNode.Mapping m, String what, Map<String, ComposeNetwork> networks) {
        ComposeNode node = m.get("networks");
        if (node == null) {
            return List.of(ComposeProject.DEFAULT_NETWORK);
        }
        List<String> keys = new ArrayList<>();
        Map<String, Where> at = new LinkedHashMap<>();
        if (node instanceof ComposeNode.Mapping map) {
            keys.addAll(map.entries().keySet());
            at.putAll(map.keyAt());
        } else {
            for (ComposeNode item : items(node, what + " networks")) {
                String key = scalar(item, what + " networks");
                if (key != null) {
                    keys.add(key);
                    at.put(key, item.at());
                }
            }
        }
        for (String key : keys) {
            if (!networks.containsKey(key)) {
                throw new UserException(at.getOrDefault(key, node.at()).prefix() + what + " joins network " + Shown.value(key)
                        + ", which the top-level networks: does not define");
            }
        }
        return keys;
    }

    /**
     * One entry of expose: PORT or RANGE, optionally /PROTOCOL. Only a tcp one (the default) can
     * serve metrics, since Prometheus scrapes over tcp; Compose itself keeps any protocol as written.
     */
    private List<ComposeService.ContainerPort> exposed(String text, Where at, String what) {
        int slash = text.indexOf('/');
        String protocol = slash < 0 || slash == text.length() - 1 ? TCP : text.substring(slash + 1).toLowerCase(Locale.ROOT);
        String port = slash < 0 ? text : text.substring(0, slash);
        if (protocol.equals(TCP)) {
            return portRange(port, "expose", at, what);
        }
        checkRange(port, "expose", at, what);
        if (!PROTOCOLS.contains(protocol)) {
            notes.add(at + ": " + what + " expose: " + Shown.value(text) + " is not tcp, udp or sctp; not taken for a metrics port");
        }
        return List.of(); // udp, sctp: Prometheus scrapes over tcp
    }

    /** One entry of ports: short syntax [[IP:]PUBLISHED:]CONTAINER[/PROTOCOL] or long syntax {target, published, protocol}. */
    private List<ComposeService.ContainerPort> port(ComposeNode item, String what, List<ComposeService.PublishedPort> published) {
        if (item instanceof ComposeNode.Mapping long_) {
            String protocol = text(long_, "protocol", what + " ports protocol");
            String target = text(long_, "target", what + " ports target");
            if (target == null || protocol != null && !protocol.equalsIgnoreCase("tcp")) {
                return List.of();
            }
            ComposeNode publishedNode = long_.get("published");
            published(quiet(long_.get("host_ip")), quiet(publishedNode), publishedNode == null ? long_.at() : publishedNode.at(), published);
            return portRange(target, "ports", long_.get("target").at(), what);
        }
        String text = item instanceof ComposeNode.Scalar s && s.unresolved() != null ? containerSide(s) : scalar(item, what + " ports");
        if (text == null) {
            return List.of();
        }
        int slash = text.lastIndexOf('/');
        if (slash >= 0) {
            String protocol = text.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (!PROTOCOLS.contains(protocol)) {
                throw new UserException(item.at().prefix() + what + " ports: " + Shown.value(text) + " has protocol "
                        + Shown.value(text.substring(slash + 1)) + ", which Compose refuses (tcp, udp or sctp)");
            }
            if (!protocol.equals(TCP)) {
                return List.of(); // udp/sctp: not a metrics page
            }
            text = text.substring(0, slash);
        }
        String container = text.substring(text.lastIndexOf(':') + 1);
        if (!(item instanceof ComposeNode.Scalar s && s.unresolved() != null)) {
            // [[IP:]PUBLISHED:]CONTAINER, as Compose splits it: the IP is all before the last two parts
            String[] parts = text.split(":", -1);
            int n = parts.length;
            if (n >= 2) {
                String ip = n == 2 ? "" : String.join(":", Arrays.asList(parts).subList(0, n - 2));
                published(ip, parts[n - 2], item.at(), published);
            }
        }
        return portRange(container, "ports", item.at(), what);
    }

    /** A published tcp port or range on the host (ip "" or null: every address); an ephemeral or unreadable one is none. */
    private static void published(String ip, String port, Where at, List<ComposeService.PublishedPort> out) {
        if (port == null || !port.strip().matches("\\d{1,5}(-\\d{1,5})?")) {
            return; // none (an ephemeral port), or one Compose refuses
        }
        String[] range = port.strip().split("-");
        int from = Integer.parseInt(range[0]);
        int to = range.length == 2 ? Integer.parseInt(range[1]) : from;
        String host = ip == null ? "" : ip.strip();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (from >= 1 && to <= 65535 && from <= to) {
            out.add(new ComposeService.PublishedPort(host, from, to, at));
        }
    }

    /** A single value as interpolated, without a note: null when absent, not a single value, or unresolved. */
    private static String quiet(ComposeNode node) {
        return node instanceof ComposeNode.Scalar s ? s.value() : null;
    }

    /**
     * "${WEB_PORT}:8080" with WEB_PORT unset: only the published side is unknown, and the
     * container side is what monstack needs. Null when that side is not plain text either.
     */
    private String containerSide(ComposeNode.Scalar s) {
        String container = s.raw().substring(s.raw().lastIndexOf(':') + 1);
        if (container.indexOf('$') >= 0) {
            scalar(s, "ports");
            return null;
        }
        return container;
    }

    /** 8080 or 8000-8010 (at most 100 ports). */
    private List<ComposeService.ContainerPort> portRange(String text, String source, Where at, String what) {
        int[] range = checkRange(text, source, at, what);
        int from = range[0];
        int to = range[1];
        if (to - from >= MAX_RANGE) {
            notes.add(at + ": " + what + ": the range " + text + " is too wide to guess a metrics port from; left out");
            return List.of();
        }
        List<ComposeService.ContainerPort> out = new ArrayList<>();
        for (int p = from; p <= to; p++) {
            out.add(new ComposeService.ContainerPort(p, source, at));
        }
        return out;
    }

    /** 8080 or 8000-8010 as {from, to}; anything else is an error at. */
    private static int[] checkRange(String text, String source, Where at, String what) {
        String[] parts = text.strip().split("-", -1);
        if (parts.length > 2 || !parts[0].matches("\\d{1,5}") || parts.length == 2 && !parts[1].matches("\\d{1,5}")) {
            throw new UserException(at.prefix() + what + " " + source + ": " + Shown.value(text) + " is not a port or a range of ports");
        }
        int from = Integer.parseInt(parts[0]);
        int to = parts.length == 2 ? Integer.parseInt(parts[1]) : from;
        if (from < 1 || to > 65535 || to < from) {
            throw new UserException(at.prefix() + what + " " + source + ": " + Shown.value(text) + " is not a port from 1 to 65535");
        }
        return new int[] {from, to};
    }

    private Map<String, ComposeService.Label> labels(ComposeNode node, String what) {
        Map<String, ComposeService.Label> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        ComposeNode asMap = ComposeMerge.asMapping(node);
        if (!(asMap instanceof ComposeNode.Mapping m)) {
            throw new UserException(node.at().prefix() + what + " must be a mapping or a list of KEY=VALUE");
        }
        m.entries().forEach((key, value) -> {
            String v = scalar(value, what + " " + Shown.name(key));
            if (v != null) {
                out.put(key, new ComposeService.Label(v, value.at()));
            }
        });
        return out;
    }

    /**
     * The values of a file that Compose refuses it for (a required variable unset, invalid
     * syntax) that monstack did not need (those it needs are errors once read): a note each, at
     * the value, with its path as Compose names it and what makes Compose accept the file.
     */
    static void noteRefusals(ComposeNode node, List<String> notes) {
        noteRefusals(node, "", new HashSet<>(), notes);
    }

    /** seen: the values noted already (an anchor's value is also wherever an alias or << brings it). */
    private static void noteRefusals(ComposeNode node, String path, Set<Where> seen, List<String> notes) {
        if (node instanceof ComposeNode.Scalar s && s.refusal() != null && seen.add(s.at())) {
            notes.add(s.at() + ": " + path + " " + Shown.value(s.raw()) + ": " + s.unresolved() + "; docker compose refuses the file "
                    + "for it (" + s.refusal() + " before running the app); monstack does not need this value, so it went on without it");
        } else if (node instanceof ComposeNode.Sequence seq) {
            for (int i = 0; i < seq.items().size(); i++) {
                noteRefusals(seq.items().get(i), path + "[" + i + "]", seen, notes);
            }
        } else if (node instanceof ComposeNode.Mapping m) {
            m.entries().forEach((key, value) -> noteRefusals(value, (path.isEmpty() ? "" : path + ".") + Shown.name(key), seen,
                    notes));
        }
    }

    // ------------------------------------------------------------------ typed reads

    private ComposeNode.Mapping mapping(ComposeNode node, String what) {
        if (!(node instanceof ComposeNode.Mapping m)) {
            throw new UserException(node.at().prefix() + what + " must be a mapping");
        }
        return m;
    }

    private List<ComposeNode> items(ComposeNode node, String what) {
        if (node == null || node instanceof ComposeNode.Scalar s && s.isNull()) {
            return List.of();
        }
        if (!(node instanceof ComposeNode.Sequence seq)) {
            throw new UserException(node.at().prefix() + what + " must be a list");
        }
        return seq.items();
    }

    private String text(ComposeNode.Mapping m, String key, String what) {
        ComposeNode node = m.get(key);
        return node == null ? null : scalar(node, what);
    }

    /**
     * A single value; null when absent or YAML null, and (noted) when interpolation left it out.
     * A value Compose refuses the file for (a required variable unset) is an error: monstack needs it.
     */
    private String scalar(ComposeNode node, String what) {
        if (!(node instanceof ComposeNode.Scalar s)) {
            throw new UserException(node.at().prefix() + what + " must be a single value, not a list or mapping");
        }
        if (s.refusal() != null) {
            throw new UserException(s.at().prefix() + what + " " + Shown.value(s.raw()) + ": " + s.unresolved()
                    + "; docker compose refuses the file for it, and monstack needs this value: " + s.refusal());
        }
        if (s.unresolved() != null) {
            notes.add(s.at() + ": " + what + " " + Shown.value(s.raw()) + " left out: " + s.unresolved());
        }
        return s.value();
    }

    private Integer integer(ComposeNode.Mapping m, String key, String what) {
        String text = text(m, key, what);
        if (text == null) {
            return null;
        }
        if (!text.strip().matches("\\d{1,6}")) {
            throw new UserException(m.get(key).at().prefix() + what + " must be a whole number, not " + Shown.value(text));
        }
        return Integer.parseInt(text.strip());
    }

    private boolean bool(ComposeNode node, String what) {
        String text = scalar(node, what);
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off", "" -> false;
            default -> throw new UserException(node.at().prefix() + what + " must be true or false");
        };
    }
}
