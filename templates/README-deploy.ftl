<#-- Parts of the stack's README.md for platform swarm and remote storage. Imported by README.md.ftl as "deploy". -->
<#macro runSwarm>
## Run it on Docker Swarm

This stack is for `docker stack deploy` (`platform: swarm`): `stack.yaml`, no compose build.
Every node pulls the images from ${mdc(spec.images.registry)}, so build and push them first, then
deploy from this folder on a manager:

```sh
<#list nextSteps as step>
${step.command}<#if step.why?has_content>        # ${step.why}</#if>
</#list>
docker stack rm ${spec.name}        # to remove it (the data volumes stay)
```

| What | Where |
|---|---|
| Prometheus | http://MANAGER:${spec.prometheus.port} (targets: /targets) |
| Grafana | http://MANAGER:${spec.grafana.port}, user `admin`, password `GRAFANA_ADMIN_PASSWORD` in `.env` |
<#if spec.alerting.enabled>
| Alertmanager | http://MANAGER:${spec.alerting.port} (alerts, silences) |
</#if>

Prometheus and Grafana run on a manager (`node.role == manager`), one replica each, restarted
whatever stops them, with CPU and memory limits (`swarm.resources` in `monstack.yml`); their data
is in named volumes on that manager.

**Publish mode `${platform.publishMode}`.** `ingress` (the default) publishes the ports on every node through
the routing mesh, which needs IPVS in the kernel; `host` publishes them only on the node that
runs the service, and works on hosts without IPVS (set `swarm.publishMode: host` there).
Either way stack deploy cannot bind a port to one address: the ports are open on every
interface, so firewall them or put a TLS proxy in front.

<#if spec.networks?has_content>
Prometheus joins your app's overlay network<#if spec.networks?size gt 1>s</#if> <#list spec.networks as n>${mdc(n.name)}<#sep>, </#sep></#list>
(`networks:` in `monstack.yml`) and finds your services there: deploy your app's stack first, so
that they exist. A stack's networks are named after the name given to `docker stack deploy`
(`docker stack deploy -c compose.yaml shop` makes `shop_default`), not after the compose file's
`name:`. `init --compose` takes that name to be the compose project's: if your app's stack runs
under another name, put the names `docker network ls` shows under `networks:` in `monstack.yml`
(or run `init --compose` again with `COMPOSE_PROJECT_NAME=THAT-NAME`).
Nothing to change in your app's stack file<#if platform.dockerSwarmDiscovery> but the scrape label</#if>:
<#else>
Prometheus finds your services on the overlay network ${mdc(platform.network)}. In your app's stack file:
</#if>

<#if !spec.networks?has_content || platform.dockerSwarmDiscovery>
```yaml
services:
  web:
    # ...
    deploy:
      replicas: 3
<#if platform.dockerSwarmDiscovery>
      labels:
        ${platform.scrapeLabel?keep_before("=")}: "${platform.scrapeLabel?keep_after("=")}"
</#if>
<#if !spec.networks?has_content>
networks:
  default:
    name: ${platform.network}
    external: true
</#if>
```
</#if>

<#if platform.dockerSwarmDiscovery>
**Discovery `dockerswarm`.** Prometheus asks the swarm API for the running tasks of each service
below that carry the label ${mdc(platform.scrapeLabel)} (put it under `deploy.labels`), and
scrapes each task at its address on <#if spec.networks?has_content>your app's network<#else>${mdc(platform.network)}</#if>, on the port and path of `monstack.yml`.
<#else>
**Discovery `dns`.** Name a scaled service `tasks.SERVICE` in `monstack.yml` (e.g. `tasks.web`, port 8080):
the swarm's DNS answers with the address of every running task, so every replica is one target.
The plain service name resolves to the service's virtual IP: one target for all replicas (and
none on hosts without IPVS). `swarm.discovery: dockerswarm` finds them through the swarm API instead.
</#if>

</#macro>
<#macro socketSection>
<#if platform.dockerSocket>
## The Docker socket (read this)

Prometheus mounts `/var/run/docker.sock` and runs as root, for <#list platform.socketReasons as r>${r}<#sep> and </#sep></#list>
(`dockerswarm_sd_configs`). **That is root-equivalent control of the Docker engine of the manager
it runs on**: anyone who can run code in the Prometheus container, or change its image or
configuration, can start privileged containers on that host and through it command the swarm.
`read_only` on the mount stops file writes, not API calls. Keep the images in a registry only
you can push to, and do not expose Prometheus' port beyond who needs it. To go without the
socket: `dockerEngine.enabled: false` and `swarm.discovery: dns`.

</#if>
</#macro>
<#macro remoteSection>
<#if platform.remoteWrites?has_content || spec.remote.externalLabels?has_content || spec.grafana.datasourceUrl??>
## Central store

<#if platform.remoteWrites?has_content>
Prometheus also sends every sample it scrapes to (`remote_write`):

<#list platform.remoteWrites as w>
- ${mdc(w.url)}<#if w.username??>, basic auth as ${mdc(w.username)}, password read from ${mdc(w.passwordFile)}<#elseif w.credentialsFile??>, bearer token read from ${mdc(w.credentialsFile)}</#if>
</#list>

</#if>
<#if platform.prometheusSecrets?has_content>
The credentials are files on the host you deploy from, mounted into Prometheus as secrets
(never written into `prometheus.yml` or an image)<#if !platform.swarm>; Compose bind-mounts them, so each must be
readable by Prometheus' user (nobody, 65534)</#if>:

<#list platform.prometheusSecrets as s>
- ${mdc(s.file)} as ${mdc("/run/secrets/" + s.name)}
</#list>

</#if>
<#if spec.remote.externalLabels?has_content>
Every series and alert that leaves this Prometheus carries <#list spec.remote.externalLabels as name, value>${mdc(name + "=" + value)}<#sep>, </#sep></#list>
(`global.external_labels`), so the central store can tell this stack from the others.

</#if>
<#if spec.grafana.datasourceUrl??>
Grafana's datasource points at ${mdc(spec.grafana.datasourceUrl)} (`grafana.datasourceUrl`), not at this
stack's Prometheus: the dashboards show what the central store holds (of every stack that sends
there; the external labels tell them apart).

</#if>
</#if>
</#macro>
