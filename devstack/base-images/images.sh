# shellcheck shell=bash
# CloudUnit — the names of the base images, one per build stack: the only place they are set.
# Each is overridable from the environment; build-all.sh builds the missing ones offline under
# these names, and a connected installation points the services' configuration at public images
# instead (README.md next to this file lists the equivalents).
# CU_BASE_IMAGE is the older name of CU_IMAGE_JAVA17 (still read when CU_IMAGE_JAVA17 is unset).
CU_IMAGE_JAVA17="${CU_IMAGE_JAVA17:-${CU_BASE_IMAGE:-cloudunit/jre:17}}"
CU_IMAGE_JAVA25="${CU_IMAGE_JAVA25:-cloudunit/jre:25}"
CU_IMAGE_TOMCAT="${CU_IMAGE_TOMCAT:-cloudunit/tomcat:10.1-jre17}"
CU_IMAGE_STATIC="${CU_IMAGE_STATIC:-cloudunit/static:1}"
# Not a build stack: the network sandbox every instance joins (deployer, ADR 33).
CU_IMAGE_SANDBOX="${CU_IMAGE_SANDBOX:-cloudunit/sandbox:1}"
# shellcheck disable=SC2034  # read by the scripts that source this file
CU_BASE_IMAGE="$CU_IMAGE_JAVA17"
# Build order (tomcat is built FROM the JRE 17 image) and the variable holding each name.
# shellcheck disable=SC2034
CU_BASE_STACKS=(java17 java25 tomcat static sandbox)
cu_base_image_name() { # stack -> image name
  case "$1" in
    java17) printf '%s' "$CU_IMAGE_JAVA17" ;;
    java25) printf '%s' "$CU_IMAGE_JAVA25" ;;
    tomcat) printf '%s' "$CU_IMAGE_TOMCAT" ;;
    static) printf '%s' "$CU_IMAGE_STATIC" ;;
    sandbox) printf '%s' "$CU_IMAGE_SANDBOX" ;;
    *) return 1 ;;
  esac
}
