#!/usr/bin/env bash
# Serving certificate for the adapter on clusters without cert-manager.
#
# Creates a CA and a serving certificate for <service>.<namespace>.svc with openssl, stores them in
# the Secret the Deployment mounts (metrics-adapter-tls: tls.crt, tls.key, ca.crt), writes the CA
# into the caBundle of every APIService that points at the adapter's Service, and restarts the
# adapter. Run it after `kubectl apply -k manifests/`, and again before the certificate expires
# (--days, default 365). Re-applying the manifests keeps the caBundle: they do not set it.
#
#   manifests/tls/serving-cert.sh [--namespace NS] [--service NAME] [--secret NAME] [--days N]
#                                 [--out DIR] [--no-apply]
#
# --out keeps the files in DIR (default: a temporary directory, removed at exit); --no-apply only
# writes them (no kubectl). Needs openssl 1.1.1 or later, and kubectl unless --no-apply.
set -euo pipefail

namespace=metrics-adapter
service=metrics-adapter
secret=metrics-adapter-tls
days=365
out=
apply=true

while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) namespace="$2"; shift 2 ;;
    --service) service="$2"; shift 2 ;;
    --secret) secret="$2"; shift 2 ;;
    --days) days="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --no-apply) apply=false; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) echo "serving-cert.sh: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

if [ -z "$out" ]; then
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
else
  mkdir -p "$out"
fi
umask 077

dns="${service}.${namespace}.svc"

# The CA lives as long as the serving certificate: renewing means running this script again,
# which replaces both and updates the caBundle.
openssl req -x509 -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -keyout "$out/ca.key" -out "$out/ca.crt" -days "$days" \
  -subj "/CN=${service}-ca" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

openssl req -new -nodes -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 \
  -keyout "$out/tls.key" -out "$out/tls.csr" -subj "/CN=${dns}" 2>/dev/null

cat > "$out/tls.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:${dns},DNS:${dns}.cluster.local,DNS:${service}.${namespace}
EXT

openssl x509 -req -in "$out/tls.csr" -CA "$out/ca.crt" -CAkey "$out/ca.key" -CAcreateserial \
  -out "$out/tls.crt" -days "$days" -extfile "$out/tls.ext" 2>/dev/null
rm -f "$out/tls.csr" "$out/tls.ext" "$out/ca.srl"

if [ "$apply" = false ]; then
  echo "wrote ca.crt, ca.key, tls.crt, tls.key to $out"
  exit 0
fi

kubectl -n "$namespace" create secret generic "$secret" --type=kubernetes.io/tls \
  --from-file=tls.crt="$out/tls.crt" --from-file=tls.key="$out/tls.key" \
  --from-file=ca.crt="$out/ca.crt" --dry-run=client -o yaml | kubectl apply -f -

ca_bundle="$(base64 < "$out/ca.crt" | tr -d '\n')"
patched=0
for apiservice in $(kubectl get apiservices -o \
    jsonpath="{range .items[?(@.spec.service.name==\"${service}\")]}{.metadata.name}{' '}{.spec.service.namespace}{'\n'}{end}" \
    | awk -v ns="$namespace" '$2 == ns {print $1}'); do
  kubectl patch apiservice "$apiservice" --type=merge \
    -p "{\"spec\":{\"caBundle\":\"${ca_bundle}\",\"insecureSkipTLSVerify\":false}}"
  patched=$((patched + 1))
done
if [ "$patched" -eq 0 ]; then
  echo "serving-cert.sh: no APIService points at ${namespace}/${service}; apply the manifests first" >&2
  exit 1
fi

# The adapter reads its certificate at startup.
kubectl -n "$namespace" rollout restart "deployment/${service}"
echo "serving certificate for ${dns} installed; ${patched} APIService(s) trust its CA"
