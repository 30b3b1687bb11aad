{{/* The tag of every image: image.tag, else the chart's appVersion. */}}
{{- define "library.tag" -}}
{{- .Values.image.tag | default .Chart.AppVersion -}}
{{- end -}}

{{/* An image of this project: <registry>/library-<component>:<tag>. Call with (list $ "gateway"). */}}
{{- define "library.image" -}}
{{- $root := index . 0 -}}
{{- printf "%s/library-%s:%s" $root.Values.image.registry (index . 1) (include "library.tag" $root) -}}
{{- end -}}

{{/* A Service's name, <release>-<suffix>: a DNS-1035 label, so at most 63 characters (a 53-character
  release name would overflow). Call with (list $ "<suffix>"). */}}
{{- define "library.serviceName" -}}
{{- printf "%s-%s" (index . 0).Release.Name (index . 1) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every chart object carries (GUIDE conventions); call with (list $ "<name>" "<component>"). */}}
{{- define "library.labels" -}}
{{- $root := index . 0 -}}
{{ include "library.selectorLabels" . }}
app.kubernetes.io/component: {{ index . 2 }}
app.kubernetes.io/part-of: library
app.kubernetes.io/version: {{ include "library.tag" $root | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" $root.Chart.Name $root.Chart.Version }}
{{- end -}}

{{/* The stable subset used in selectors; call with (list $ "<name>" "<component>"). */}}
{{- define "library.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ index . 1 }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
{{- end -}}

{{/* The restricted Pod Security Standard for a container. */}}
{{- define "library.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* The restricted Pod Security Standard for a pod (uid 10001 as in the images). */}}
{{- define "library.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 10001
runAsGroup: 10001
fsGroup: 10001
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Requests and limits as the CRD wants them: quantities are strings there, so `--set …cpu=2`
  (a number to Helm) is written "2". Call with a resources value. */}}
{{- define "library.resources" -}}
requests:
  cpu: {{ .requests.cpu | toString | quote }}
  memory: {{ .requests.memory | toString | quote }}
limits:
  cpu: {{ .limits.cpu | toString | quote }}
  memory: {{ .limits.memory | toString | quote }}
{{- end -}}

{{/* A component's part of the Library spec. Call with the component's values. */}}
{{- define "library.componentSpec" -}}
{{- if and .autoscaling.enabled (gt (int .autoscaling.minReplicas) (int .autoscaling.maxReplicas)) }}
{{- fail (printf "autoscaling.minReplicas (%v) must not exceed autoscaling.maxReplicas (%v)" .autoscaling.minReplicas .autoscaling.maxReplicas) }}
{{- end -}}
replicas: {{ .replicas }}
resources:
  {{- include "library.resources" .resources | nindent 2 }}
jvmMemoryPercent: {{ .jvmMemoryPercent }}
{{- if .autoscaling.enabled }}
autoscaling:
  minReplicas: {{ .autoscaling.minReplicas }}
  maxReplicas: {{ .autoscaling.maxReplicas }}
  targetCpuUtilization: {{ .autoscaling.targetCpuUtilization }}
{{- end }}
{{- with .env }}
env:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}
