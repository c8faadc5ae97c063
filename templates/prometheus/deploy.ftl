<#-- Parts of prometheus.yml that depend on where the stack runs (platform) and on the central
     store it sends to (remoteWrite, externalLabels). Imported by prometheus.yml.ftl as "deploy". -->
<#macro externalLabels>
<#if spec.remote.externalLabels?has_content>
  # Added to every series and alert that leaves this Prometheus (remote_write, federation,
  # Alertmanager), so a central store can tell this stack from the others.
  external_labels:
<#list spec.remote.externalLabels as name, value>
    ${q(name)}: ${q(value)}
</#list>
</#if>
</#macro>
<#macro remoteWrite>
<#if platform.remoteWrites?has_content>

# Every sample is also sent to these central stores. Their credentials are files mounted as
# secrets under /run/secrets/ (see the compose/stack file), never written here.
remote_write:
<#list platform.remoteWrites as w>
  - url: ${q(w.url)}
<#if w.name??>
    name: ${q(w.name)}
</#if>
<#if w.username??>
    basic_auth:
      username: ${q(w.username)}
      password_file: ${q(w.passwordFile)}
</#if>
<#if w.credentialsFile??>
    authorization:
      type: "Bearer"
      credentials_file: ${q(w.credentialsFile)}
</#if>
</#list>
</#if>
</#macro>
<#macro swarmEngineJob>

  # The Docker engine of every swarm node (daemon.json "metrics-addr" on each node), found through
  # the swarm API (dockerswarm_sd_configs, role nodes; the Docker socket is mounted for it): one
  # target per node, at the node's swarm address. A node advertised on loopback (a single-node
  # swarm) is the host Prometheus runs on, reached through host.docker.internal.
  - job_name: "docker"
    dockerswarm_sd_configs:
      - host: "unix:///var/run/docker.sock"
        role: "nodes"
    relabel_configs:
      - source_labels: ["__meta_dockerswarm_node_address"]
        target_label: "__address__"
        replacement: ${q("$1:" + spec.dockerEngine.port())}
      - source_labels: ["__meta_dockerswarm_node_address"]
        regex: "(.*:.*)"
        target_label: "__address__"
        replacement: ${q("[$1]:" + spec.dockerEngine.port())}
      - source_labels: ["__meta_dockerswarm_node_address"]
        regex: "127\\..*|::1"
        target_label: "__address__"
        replacement: ${q("host.docker.internal:" + spec.dockerEngine.port())}
      - source_labels: ["__meta_dockerswarm_node_hostname"]
        target_label: "node"
</#macro>
<#-- A DNS target under swarm.discovery: dockerswarm: the tasks of its service(s), found through the swarm API. -->
<#macro swarmTasks t>
    # Every running task of the swarm service <#list platform.swarmServices[t.name] as s>${s}<#sep>, </#sep></#list> (also as STACK_SERVICE) that carries the
    # label ${platform.scrapeLabel}, found through the swarm API (dockerswarm_sd_configs, role tasks),
    # scraped at its address on the network<#if spec.networks?has_content>s</#if> ${platform.network}<#list spec.networks as n>, ${n.name}</#list> on port ${t.dns.port}.
    dockerswarm_sd_configs:
      - host: "unix:///var/run/docker.sock"
        role: "tasks"
        port: ${t.dns.port}
        filters:
          - name: "label"
            values: [${q(platform.scrapeLabel)}]
        refresh_interval: ${q(t.dns.effectiveRefreshInterval())}
    relabel_configs:
      - source_labels: ["__meta_dockerswarm_task_desired_state"]
        regex: "running"
        action: "keep"
      - source_labels: ["__meta_dockerswarm_service_name"]
        regex: ${q(platform.serviceRegex[t.name])}
        action: "keep"
      - source_labels: ["__meta_dockerswarm_network_name"]
        regex: ${q(platform.networkRegex)}
        action: "keep"
      - source_labels: ["__address__"]
        regex: "(.+):[0-9]+"
        target_label: "__address__"
        replacement: ${q("$1:" + t.dns.port)}
      - source_labels: ["__meta_dockerswarm_node_hostname"]
        target_label: "node"
<#list t.labels as name, value>
      - target_label: ${q(name)}
        replacement: ${q(value?replace("$", "$$"))}
</#list>
</#macro>
