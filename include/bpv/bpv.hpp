// bpv: reference validator for the Volume Backup Service call "Modifying a Backup Policy".
#pragma once

#include "bpv/custom_rule.hpp"
#include "bpv/diagnostic.hpp"
#include "bpv/field.hpp"
#include "bpv/policy.hpp"
#include "bpv/report.hpp"
#include "bpv/rules.hpp"
#include "bpv/validator.hpp"
#include "bpv/version.hpp"
