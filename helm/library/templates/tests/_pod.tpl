{{/* A test pod that fetches a path from the gateway Service and fails unless it answers 2xx
  with a body. Call with (list $ "<name>" "<path>"). */}}
{{- define "library.testPod" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
apiVersion: v1
kind: Pod
metadata:
  name: {{ $root.Release.Name }}-test-{{ $name }}
  labels:
    {{- include "library.labels" (list $root "helm-test" "test") | nindent 4 }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  restartPolicy: Never
  automountServiceAccountToken: false
  securityContext:
    {{- include "library.podSecurityContext" $root | nindent 4 }}
  containers:
    - name: {{ $name }}
      image: {{ $root.Values.tests.image }}
      imagePullPolicy: IfNotPresent
      command:
        - sh
        - -c
        # Retries cover a gateway that is still starting right after install.
        - |
          url="http://{{ $root.Release.Name }}-gateway:8080{{ index . 2 }}"
          for attempt in 1 2 3 4 5 6 7 8 9 10; do
            if wget -q -T 5 -O /tmp/body "$url" && [ -s /tmp/body ]; then
              echo "$url answered:"; head -c 300 /tmp/body; echo; exit 0
            fi
            sleep 3
          done
          echo "$url did not answer 2xx"; exit 1
      resources:
        requests:
          cpu: 10m
          memory: 16Mi
        limits:
          cpu: 100m
          memory: 32Mi
      securityContext:
        {{- include "library.containerSecurityContext" $root | nindent 8 }}
      volumeMounts:
        - name: tmp
          mountPath: /tmp
  volumes:
    - name: tmp
      emptyDir:
        sizeLimit: 1Mi
{{- end -}}
