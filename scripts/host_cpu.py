"""The processor this machine has, as the benchmark scripts name it beside their figures (the
machines of this project change processor between sessions). Standard library only."""
import platform
import re

# (family, model) of /proc/cpuinfo: the processor kinds these machines have shown.
CPU_KINDS = {(25, 17): "Zen 4", (25, 1): "Zen 3", (6, 207): "Emerald Rapids"}


def describe():
    """(`AMD EPYC`, family, model, `Zen 4`) from /proc/cpuinfo; the kind is `family F model M`
    for a processor not in CPU_KINDS."""
    name, family, model = None, None, None
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                key, value = key.strip(), value.strip()
                if key == "model name" and name is None:
                    name = value
                elif key == "cpu family" and family is None:
                    family = int(value)
                elif key == "model" and model is None:
                    model = int(value)
    except (OSError, ValueError):
        pass
    name = re.sub(r"\s*\((R|TM)\)", "", name or platform.processor() or "unknown CPU")  # "Intel(R) Xeon(R)"
    return name, family, model, CPU_KINDS.get((family, model), f"family {family} model {model}")


def sentence():
    """`AMD EPYC (Zen 4, family 25 model 17)`: the name and `lscpu`'s family and model."""
    name, family, model, kind = describe()
    known = "" if kind.startswith("family") else f"{kind}, "
    return f"{name} ({known}family {family} model {model})"
