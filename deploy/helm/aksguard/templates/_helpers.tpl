{{/* The chart's name, shortened to the 63 characters of a DNS label. */}}
{{- define "aksguard.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The release's full name: the prefix of every object's name. */}}
{{- define "aksguard.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "aksguard.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aksguard.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "aksguard.labels" -}}
{{ include "aksguard.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "aksguard.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "aksguard.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The image, pinned by digest (AKS-IMG-02); the tag only documents it. */}}
{{- define "aksguard.image" -}}
{{- $img := .Values.image -}}
{{- $ref := printf "%s/%s" (required "image.registry is required" $img.registry) $img.repository -}}
{{- $tag := default .Chart.AppVersion $img.tag -}}
{{- if $tag }}{{ $ref = printf "%s:%s" $ref $tag }}{{ end -}}
{{- printf "%s@%s" $ref (required "image.digest is required: images are pulled by digest" $img.digest) -}}
{{- end -}}

{{/* The Secret holding the serving certificate. */}}
{{- define "aksguard.tlsSecret" -}}
{{- if eq .Values.certificates.source "cert-manager" -}}
{{- printf "%s-tls" (include "aksguard.fullname" .) -}}
{{- else if eq .Values.certificates.source "secret" -}}
{{- required "certificates.secret.name is required with certificates.source=secret" .Values.certificates.secret.name -}}
{{- else -}}
{{- fail (printf "certificates.source %q: want cert-manager or secret" .Values.certificates.source) -}}
{{- end -}}
{{- end -}}

{{/* Namespaces never checked: kube-system, the release's, and the listed ones. */}}
{{- define "aksguard.exemptNamespaces" -}}
{{- $ns := list "kube-system" .Release.Namespace -}}
{{- range .Values.exemptNamespaces }}{{ $ns = append $ns . }}{{ end -}}
{{- toJson ($ns | uniq) -}}
{{- end -}}
