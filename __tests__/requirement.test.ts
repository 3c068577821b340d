import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequirement } from '../src/parse/requirement.js';
import { parseMarker } from '../src/parse/marker.js';
import { parseSpecifierSet } from '../src/pep440/specifier.js';
import { requirementToString } from './helpers/pep508-strings.js';

// Expected results are what packaging 26's `Requirement()` gives (`str(Requirement)` for the last
// column), with the newer messages of packaging's main branch where 26.2 still had older ones
// (see the notes in src/parse/marker.ts and the `.*` message below).

type Valid = [line: string, name: string, extras: string[], specifier: string, marker: string | null, url: string | null, printed: string];

const VALID: Valid[] = [
  ['torch==2.1.2', 'torch', [], '==2.1.2', null, null, 'torch==2.1.2'],
  ['torch==2.1.2+cu121', 'torch', [], '==2.1.2+cu121', null, null, 'torch==2.1.2+cu121'],
  ['torchvision==0.16.2+cu121', 'torchvision', [], '==0.16.2+cu121', null, null, 'torchvision==0.16.2+cu121'],
  ['torchaudio==2.1.2+cu121', 'torchaudio', [], '==2.1.2+cu121', null, null, 'torchaudio==2.1.2+cu121'],
  ['numpy==1.23.5', 'numpy', [], '==1.23.5', null, null, 'numpy==1.23.5'],
  ['numpy>=1.21,<2', 'numpy', [], '>=1.21,<2', null, null, 'numpy<2,>=1.21'],
  ['numpy<2.0.0,>=1.22', 'numpy', [], '<2.0.0,>=1.22', null, null, 'numpy<2.0.0,>=1.22'],
  ['nemo_toolkit[asr]==1.17.0', 'nemo_toolkit', ['asr'], '==1.17.0', null, null, 'nemo_toolkit[asr]==1.17.0'],
  ['watchdog[watchmedo]==6.0.0', 'watchdog', ['watchmedo'], '==6.0.0', null, null, 'watchdog[watchmedo]==6.0.0'],
  ['transformers>=4.36.0', 'transformers', [], '>=4.36.0', null, null, 'transformers>=4.36.0'],
  ['accelerate~=0.25.0', 'accelerate', [], '~=0.25.0', null, null, 'accelerate~=0.25.0'],
  ['datasets (>=2.14.0)', 'datasets', [], '>=2.14.0', null, null, 'datasets>=2.14.0'],
  [
    'pydantic>=1.7.4,!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0',
    'pydantic',
    [],
    '>=1.7.4,!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0',
    null,
    null,
    'pydantic!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0,>=1.7.4',
  ],
  ['fastapi==0.104.1', 'fastapi', [], '==0.104.1', null, null, 'fastapi==0.104.1'],
  ['uvicorn[standard]==0.24.0.post1', 'uvicorn', ['standard'], '==0.24.0.post1', null, null, 'uvicorn[standard]==0.24.0.post1'],
  ['sqlalchemy>=1.4.36,<2.0', 'sqlalchemy', [], '>=1.4.36,<2.0', null, null, 'sqlalchemy<2.0,>=1.4.36'],
  ['apache-airflow==2.10.5', 'apache-airflow', [], '==2.10.5', null, null, 'apache-airflow==2.10.5'],
  [
    'apache-airflow-providers-postgres==6.0.0',
    'apache-airflow-providers-postgres',
    [],
    '==6.0.0',
    null,
    null,
    'apache-airflow-providers-postgres==6.0.0',
  ],
  ['mlflow==2.17.2', 'mlflow', [], '==2.17.2', null, null, 'mlflow==2.17.2'],
  [
    'scikit-learn>=1.3; python_version >= "3.9"',
    'scikit-learn',
    [],
    '>=1.3',
    'python_version >= "3.9"',
    null,
    'scikit-learn>=1.3; python_version >= "3.9"',
  ],
  [
    'tensorflow==2.15.0; sys_platform != "darwin"',
    'tensorflow',
    [],
    '==2.15.0',
    'sys_platform != "darwin"',
    null,
    'tensorflow==2.15.0; sys_platform != "darwin"',
  ],
  [
    'tensorflow-macos==2.15.0; sys_platform == "darwin" and platform_machine == "arm64"',
    'tensorflow-macos',
    [],
    '==2.15.0',
    'sys_platform == "darwin" and platform_machine == "arm64"',
    null,
    'tensorflow-macos==2.15.0; sys_platform == "darwin" and platform_machine == "arm64"',
  ],
  [
    'nvidia-cudnn-cu12==8.9.2.26; platform_system == "Linux" and platform_machine == "x86_64"',
    'nvidia-cudnn-cu12',
    [],
    '==8.9.2.26',
    'platform_system == "Linux" and platform_machine == "x86_64"',
    null,
    'nvidia-cudnn-cu12==8.9.2.26; platform_system == "Linux" and platform_machine == "x86_64"',
  ],
  [
    'triton==2.1.0; platform_system == "Linux" and platform_machine == "x86_64" and python_version < "3.12"',
    'triton',
    [],
    '==2.1.0',
    'platform_system == "Linux" and platform_machine == "x86_64" and python_version < "3.12"',
    null,
    'triton==2.1.0; platform_system == "Linux" and platform_machine == "x86_64" and python_version < "3.12"',
  ],
  ['jax[cuda12_pip]==0.4.23', 'jax', ['cuda12_pip'], '==0.4.23', null, null, 'jax[cuda12_pip]==0.4.23'],
  [
    'flash-attn==2.5.0 ; python_version>="3.8"',
    'flash-attn',
    [],
    '==2.5.0',
    'python_version>="3.8"',
    null,
    'flash-attn==2.5.0; python_version >= "3.8"',
  ],
  ['xformers==0.0.23.post1', 'xformers', [], '==0.0.23.post1', null, null, 'xformers==0.0.23.post1'],
  ['bitsandbytes>=0.41.1', 'bitsandbytes', [], '>=0.41.1', null, null, 'bitsandbytes>=0.41.1'],
  [
    "deepspeed==0.12.6; sys_platform == 'linux'",
    'deepspeed',
    [],
    '==0.12.6',
    "sys_platform == 'linux'",
    null,
    'deepspeed==0.12.6; sys_platform == "linux"',
  ],
  [
    "onnxruntime-gpu==1.16.3; platform_system=='Linux'",
    'onnxruntime-gpu',
    [],
    '==1.16.3',
    "platform_system=='Linux'",
    null,
    'onnxruntime-gpu==1.16.3; platform_system == "Linux"',
  ],
  ['opencv-python-headless>=4.8.0.76', 'opencv-python-headless', [], '>=4.8.0.76', null, null, 'opencv-python-headless>=4.8.0.76'],
  ['Pillow>=10.0.1', 'Pillow', [], '>=10.0.1', null, null, 'Pillow>=10.0.1'],
  [
    "protobuf>=3.20,<5; python_version < '3.12'",
    'protobuf',
    [],
    '>=3.20,<5',
    "python_version < '3.12'",
    null,
    'protobuf<5,>=3.20; python_version < "3.12"',
  ],
  ['grpcio==1.60.0', 'grpcio', [], '==1.60.0', null, null, 'grpcio==1.60.0'],
  [
    'typing-extensions>=4.5.0; python_version < "3.11"',
    'typing-extensions',
    [],
    '>=4.5.0',
    'python_version < "3.11"',
    null,
    'typing-extensions>=4.5.0; python_version < "3.11"',
  ],
  [
    'importlib-metadata; python_version < "3.10"',
    'importlib-metadata',
    [],
    '',
    'python_version < "3.10"',
    null,
    'importlib-metadata; python_version < "3.10"',
  ],
  ['dataclasses; python_version < "3.7"', 'dataclasses', [], '', 'python_version < "3.7"', null, 'dataclasses; python_version < "3.7"'],
  [
    'tomli>=1.1.0; python_full_version < "3.11.0a7"',
    'tomli',
    [],
    '>=1.1.0',
    'python_full_version < "3.11.0a7"',
    null,
    'tomli>=1.1.0; python_full_version < "3.11.0a7"',
  ],
  ['colorama; os_name == "nt"', 'colorama', [], '', 'os_name == "nt"', null, 'colorama; os_name == "nt"'],
  [
    'pywin32>=306; sys_platform == "win32"',
    'pywin32',
    [],
    '>=306',
    'sys_platform == "win32"',
    null,
    'pywin32>=306; sys_platform == "win32"',
  ],
  [
    'uvloop!=0.15.0,!=0.15.1,>=0.14.0; sys_platform != "win32" and (sys_platform != "cygwin" and platform_python_implementation != "PyPy")',
    'uvloop',
    [],
    '!=0.15.0,!=0.15.1,>=0.14.0',
    'sys_platform != "win32" and (sys_platform != "cygwin" and platform_python_implementation != "PyPy")',
    null,
    'uvloop!=0.15.0,!=0.15.1,>=0.14.0; sys_platform != "win32" and (sys_platform != "cygwin" and platform_python_implementation != "PyPy")',
  ],
  ['requests[socks,security]>=2.31.0', 'requests', ['socks', 'security'], '>=2.31.0', null, null, 'requests[security,socks]>=2.31.0'],
  ['celery[redis]==5.4.0', 'celery', ['redis'], '==5.4.0', null, null, 'celery[redis]==5.4.0'],
  ['redis>=4.2.2,<5', 'redis', [], '>=4.2.2,<5', null, null, 'redis<5,>=4.2.2'],
  ['feast[redis]==0.40.1', 'feast', ['redis'], '==0.40.1', null, null, 'feast[redis]==0.40.1'],
  ['gradio==4.19.2', 'gradio', [], '==4.19.2', null, null, 'gradio==4.19.2'],
  ['langchain>=0.1.0,<0.2', 'langchain', [], '>=0.1.0,<0.2', null, null, 'langchain<0.2,>=0.1.0'],
  ['openai>=1.0', 'openai', [], '>=1.0', null, null, 'openai>=1.0'],
  ['tiktoken==0.5.2', 'tiktoken', [], '==0.5.2', null, null, 'tiktoken==0.5.2'],
  ['sentencepiece==0.1.99', 'sentencepiece', [], '==0.1.99', null, null, 'sentencepiece==0.1.99'],
  ['tokenizers>=0.14,<0.19', 'tokenizers', [], '>=0.14,<0.19', null, null, 'tokenizers<0.19,>=0.14'],
  ['safetensors>=0.4.1', 'safetensors', [], '>=0.4.1', null, null, 'safetensors>=0.4.1'],
  ['peft==0.7.1', 'peft', [], '==0.7.1', null, null, 'peft==0.7.1'],
  [
    'trl @ git+https://github.com/huggingface/trl.git@v0.7.4',
    'trl',
    [],
    '',
    null,
    'git+https://github.com/huggingface/trl.git@v0.7.4',
    'trl @ git+https://github.com/huggingface/trl.git@v0.7.4',
  ],
  [
    'my-lib @ file:///opt/wheels/my_lib-1.0-py3-none-any.whl',
    'my-lib',
    [],
    '',
    null,
    'file:///opt/wheels/my_lib-1.0-py3-none-any.whl',
    'my-lib @ file:///opt/wheels/my_lib-1.0-py3-none-any.whl',
  ],
  [
    'torch @ https://download.pytorch.org/whl/cu121/torch-2.1.2%2Bcu121-cp310-cp310-linux_x86_64.whl',
    'torch',
    [],
    '',
    null,
    'https://download.pytorch.org/whl/cu121/torch-2.1.2%2Bcu121-cp310-cp310-linux_x86_64.whl',
    'torch @ https://download.pytorch.org/whl/cu121/torch-2.1.2%2Bcu121-cp310-cp310-linux_x86_64.whl',
  ],
  [
    'apex @ git+https://github.com/NVIDIA/apex.git@23.08 ; platform_system == "Linux"',
    'apex',
    [],
    '',
    'platform_system == "Linux"',
    'git+https://github.com/NVIDIA/apex.git@23.08',
    'apex @ git+https://github.com/NVIDIA/apex.git@23.08 ; platform_system == "Linux"',
  ],
  [
    'pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
    'pip',
    [],
    '',
    null,
    'https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
    'pip @ https://github.com/pypa/pip/archive/1.3.1.zip#sha1=da9234ee9982d4bbb3c72346a6de940a148ea686',
  ],
  ['name@http://foo.com', 'name', [], '', null, 'http://foo.com', 'name @ http://foo.com'],
  ['spacy[cuda12x]>=3.7,<3.8', 'spacy', ['cuda12x'], '>=3.7,<3.8', null, null, 'spacy[cuda12x]<3.8,>=3.7'],
  [
    'en_core_web_sm @ https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl',
    'en_core_web_sm',
    [],
    '',
    null,
    'https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl',
    'en_core_web_sm @ https://github.com/explosion/spacy-models/releases/download/en_core_web_sm-3.7.1/en_core_web_sm-3.7.1-py3-none-any.whl',
  ],
  ['torch-scatter==2.1.2+pt21cu121', 'torch-scatter', [], '==2.1.2+pt21cu121', null, null, 'torch-scatter==2.1.2+pt21cu121'],
  ['dgl==1.1.3+cu121', 'dgl', [], '==1.1.3+cu121', null, null, 'dgl==1.1.3+cu121'],
  ['paddlepaddle-gpu==2.6.0.post120', 'paddlepaddle-gpu', [], '==2.6.0.post120', null, null, 'paddlepaddle-gpu==2.6.0.post120'],
  ['mxnet-cu112==1.9.1', 'mxnet-cu112', [], '==1.9.1', null, null, 'mxnet-cu112==1.9.1'],
  ['cupy-cuda12x>=12.0.0', 'cupy-cuda12x', [], '>=12.0.0', null, null, 'cupy-cuda12x>=12.0.0'],
  ['jaxlib==0.4.23+cuda12.cudnn89', 'jaxlib', [], '==0.4.23+cuda12.cudnn89', null, null, 'jaxlib==0.4.23+cuda12.cudnn89'],
  ['tensorrt==8.6.1.post1', 'tensorrt', [], '==8.6.1.post1', null, null, 'tensorrt==8.6.1.post1'],
  [
    'nvidia-nccl-cu12==2.18.1; platform_system == "Linux"',
    'nvidia-nccl-cu12',
    [],
    '==2.18.1',
    'platform_system == "Linux"',
    null,
    'nvidia-nccl-cu12==2.18.1; platform_system == "Linux"',
  ],
  ['ray[default,tune]==2.9.0', 'ray', ['default', 'tune'], '==2.9.0', null, null, 'ray[default,tune]==2.9.0'],
  ['lightning>=2.1,<2.2', 'lightning', [], '>=2.1,<2.2', null, null, 'lightning<2.2,>=2.1'],
  ['pytorch-lightning==1.9.5', 'pytorch-lightning', [], '==1.9.5', null, null, 'pytorch-lightning==1.9.5'],
  ['hydra-core==1.3.2', 'hydra-core', [], '==1.3.2', null, null, 'hydra-core==1.3.2'],
  ['omegaconf>=2.3,<2.4', 'omegaconf', [], '>=2.3,<2.4', null, null, 'omegaconf<2.4,>=2.3'],
  ['wandb>=0.16; extra == "tracking"', 'wandb', [], '>=0.16', 'extra == "tracking"', null, 'wandb>=0.16; extra == "tracking"'],
  [
    'tensorboard; extra == \'logging\' and python_version >= "3.8"',
    'tensorboard',
    [],
    '',
    'extra == \'logging\' and python_version >= "3.8"',
    null,
    'tensorboard; extra == "logging" and python_version >= "3.8"',
  ],
  ['black==23.12.1; extra == "dev"', 'black', [], '==23.12.1', 'extra == "dev"', null, 'black==23.12.1; extra == "dev"'],
  ['pytest>=7 ; extra == "test"', 'pytest', [], '>=7', 'extra == "test"', null, 'pytest>=7; extra == "test"'],
  ['ruff==0.1.9', 'ruff', [], '==0.1.9', null, null, 'ruff==0.1.9'],
  [
    'mypy==1.8.0; implementation_name == "cpython"',
    'mypy',
    [],
    '==1.8.0',
    'implementation_name == "cpython"',
    null,
    'mypy==1.8.0; implementation_name == "cpython"',
  ],
  [
    'numba>=0.58; platform_machine != "aarch64"',
    'numba',
    [],
    '>=0.58',
    'platform_machine != "aarch64"',
    null,
    'numba>=0.58; platform_machine != "aarch64"',
  ],
  ['llvmlite==0.41.1', 'llvmlite', [], '==0.41.1', null, null, 'llvmlite==0.41.1'],
  [
    'scipy>=1.10,<1.12; python_version<"3.12"',
    'scipy',
    [],
    '>=1.10,<1.12',
    'python_version<"3.12"',
    null,
    'scipy<1.12,>=1.10; python_version < "3.12"',
  ],
  ['pandas==2.1.4', 'pandas', [], '==2.1.4', null, null, 'pandas==2.1.4'],
  ['pyarrow>=4,<18', 'pyarrow', [], '>=4,<18', null, null, 'pyarrow<18,>=4'],
  ['matplotlib>=3.7.0,<3.9', 'matplotlib', [], '>=3.7.0,<3.9', null, null, 'matplotlib<3.9,>=3.7.0'],
  ['seaborn', 'seaborn', [], '', null, null, 'seaborn'],
  ['Jinja2<4,>=3.1.2', 'Jinja2', [], '<4,>=3.1.2', null, null, 'Jinja2<4,>=3.1.2'],
  ['MarkupSafe>=2.0', 'MarkupSafe', [], '>=2.0', null, null, 'MarkupSafe>=2.0'],
  ['click>=8.0.0,<9', 'click', [], '>=8.0.0,<9', null, null, 'click<9,>=8.0.0'],
  ['rich', 'rich', [], '', null, null, 'rich'],
  ['tqdm>=4.64', 'tqdm', [], '>=4.64', null, null, 'tqdm>=4.64'],
  [
    'PyYAML>=5.4.1,!=6.0.0,!=5.4.0,!=5.4.1',
    'PyYAML',
    [],
    '>=5.4.1,!=6.0.0,!=5.4.0,!=5.4.1',
    null,
    null,
    'PyYAML!=5.4.0,!=5.4.1,!=6.0.0,>=5.4.1',
  ],
  ['certifi>=2023.7.22', 'certifi', [], '>=2023.7.22', null, null, 'certifi>=2023.7.22'],
  ['urllib3<2; python_version < "3.10"', 'urllib3', [], '<2', 'python_version < "3.10"', null, 'urllib3<2; python_version < "3.10"'],
  ['idna>=2.5,<4', 'idna', [], '>=2.5,<4', null, null, 'idna<4,>=2.5'],
  ['charset-normalizer>=2,<4', 'charset-normalizer', [], '>=2,<4', null, null, 'charset-normalizer<4,>=2'],
  ['boto3==1.34.11', 'boto3', [], '==1.34.11', null, null, 'boto3==1.34.11'],
  ['botocore>=1.34.11,<1.35.0', 'botocore', [], '>=1.34.11,<1.35.0', null, null, 'botocore<1.35.0,>=1.34.11'],
  ['s3fs==2023.12.2', 's3fs', [], '==2023.12.2', null, null, 's3fs==2023.12.2'],
  ['fsspec[http]>=2023.1.0', 'fsspec', ['http'], '>=2023.1.0', null, null, 'fsspec[http]>=2023.1.0'],
  [
    'aiohttp>=3.9.1; python_version >= "3.8"',
    'aiohttp',
    [],
    '>=3.9.1',
    'python_version >= "3.8"',
    null,
    'aiohttp>=3.9.1; python_version >= "3.8"',
  ],
  [
    'vllm==0.2.7; platform_system == "Linux" and platform_machine == "x86_64"',
    'vllm',
    [],
    '==0.2.7',
    'platform_system == "Linux" and platform_machine == "x86_64"',
    null,
    'vllm==0.2.7; platform_system == "Linux" and platform_machine == "x86_64"',
  ],
  ['auto-gptq==0.6.0+cu121', 'auto-gptq', [], '==0.6.0+cu121', null, null, 'auto-gptq==0.6.0+cu121'],
  ['optimum[onnxruntime-gpu]>=1.16', 'optimum', ['onnxruntime-gpu'], '>=1.16', null, null, 'optimum[onnxruntime-gpu]>=1.16'],
  ['einops>=0.7.0', 'einops', [], '>=0.7.0', null, null, 'einops>=0.7.0'],
  ['timm==0.9.12', 'timm', [], '==0.9.12', null, null, 'timm==0.9.12'],
  ['open-clip-torch>=2.23.0', 'open-clip-torch', [], '>=2.23.0', null, null, 'open-clip-torch>=2.23.0'],
  ['diffusers[torch]>=0.25.0', 'diffusers', ['torch'], '>=0.25.0', null, null, 'diffusers[torch]>=0.25.0'],
  ['controlnet-aux==0.0.7', 'controlnet-aux', [], '==0.0.7', null, null, 'controlnet-aux==0.0.7'],
  ['kornia>=0.7.1', 'kornia', [], '>=0.7.1', null, null, 'kornia>=0.7.1'],
  ['albumentations==1.3.1', 'albumentations', [], '==1.3.1', null, null, 'albumentations==1.3.1'],
  ['monai[all]==1.3.0', 'monai', ['all'], '==1.3.0', null, null, 'monai[all]==1.3.0'],
  ['nibabel>=5', 'nibabel', [], '>=5', null, null, 'nibabel>=5'],
  ['SimpleITK!=2.0.*,>=1.2.4', 'SimpleITK', [], '!=2.0.*,>=1.2.4', null, null, 'SimpleITK!=2.0.*,>=1.2.4'],
  ['lightgbm==4.2.0', 'lightgbm', [], '==4.2.0', null, null, 'lightgbm==4.2.0'],
  [
    'xgboost>=2.0.3; platform_system != "Darwin" or platform_machine != "arm64"',
    'xgboost',
    [],
    '>=2.0.3',
    'platform_system != "Darwin" or platform_machine != "arm64"',
    null,
    'xgboost>=2.0.3; platform_system != "Darwin" or platform_machine != "arm64"',
  ],
  [
    'catboost ; python_version >= "3.8" and python_version < "3.13"',
    'catboost',
    [],
    '',
    'python_version >= "3.8" and python_version < "3.13"',
    null,
    'catboost; python_version >= "3.8" and python_version < "3.13"',
  ],
  ['statsmodels>=0.14.1', 'statsmodels', [], '>=0.14.1', null, null, 'statsmodels>=0.14.1'],
  ['cython<3.0', 'cython', [], '<3.0', null, null, 'cython<3.0'],
  ['setuptools>=69.0.0', 'setuptools', [], '>=69.0.0', null, null, 'setuptools>=69.0.0'],
  ['wheel', 'wheel', [], '', null, null, 'wheel'],
  ['packaging>=23.2,<25', 'packaging', [], '>=23.2,<25', null, null, 'packaging<25,>=23.2'],
  ['numpy==1.26.*', 'numpy', [], '==1.26.*', null, null, 'numpy==1.26.*'],
  ['torch===2.1.2+cu121', 'torch', [], '===2.1.2+cu121', null, null, 'torch===2.1.2+cu121'],
  ['legacy-thing===1.0-custom', 'legacy-thing', [], '===1.0-custom', null, null, 'legacy-thing===1.0-custom'],
  ['foo>=1.0,', 'foo', [], '>=1.0,', null, null, 'foo>=1.0'],
  [
    'Django>=3.2,<4.0 ; python_version >= "3.8"',
    'Django',
    [],
    '>=3.2,<4.0',
    'python_version >= "3.8"',
    null,
    'Django<4.0,>=3.2; python_version >= "3.8"',
  ],
  ['psycopg2-binary==2.9.10', 'psycopg2-binary', [], '==2.9.10', null, null, 'psycopg2-binary==2.9.10'],
  ['  numpy == 1.24.4  ', 'numpy', [], '==1.24.4', null, null, 'numpy==1.24.4'],
  ['numpy ( >= 1.21 , < 2 )', 'numpy', [], '>=1.21,<2', null, null, 'numpy<2,>=1.21'],
  ['zope.interface>=5.0', 'zope.interface', [], '>=5.0', null, null, 'zope.interface>=5.0'],
  [
    "ruamel.yaml.clib>=0.2.7; platform_python_implementation=='CPython' and python_version<'3.13'",
    'ruamel.yaml.clib',
    [],
    '>=0.2.7',
    "platform_python_implementation=='CPython' and python_version<'3.13'",
    null,
    'ruamel.yaml.clib>=0.2.7; platform_python_implementation == "CPython" and python_version < "3.13"',
  ],
  [
    "backports.zoneinfo; python_version<'3.9'",
    'backports.zoneinfo',
    [],
    '',
    "python_version<'3.9'",
    null,
    'backports.zoneinfo; python_version < "3.9"',
  ],
  ["pytz; python_version < '3.9'", 'pytz', [], '', "python_version < '3.9'", null, 'pytz; python_version < "3.9"'],
  [
    "cffi>=1.12; platform_python_implementation != 'PyPy'",
    'cffi',
    [],
    '>=1.12',
    "platform_python_implementation != 'PyPy'",
    null,
    'cffi>=1.12; platform_python_implementation != "PyPy"',
  ],
  [
    "pyobjc-framework-Cocoa>=9.0; sys_platform=='darwin'",
    'pyobjc-framework-Cocoa',
    [],
    '>=9.0',
    "sys_platform=='darwin'",
    null,
    'pyobjc-framework-Cocoa>=9.0; sys_platform == "darwin"',
  ],
  [
    "tensorflow-io-gcs-filesystem>=0.23.1; platform_machine!='arm64' or platform_system!='Darwin'",
    'tensorflow-io-gcs-filesystem',
    [],
    '>=0.23.1',
    "platform_machine!='arm64' or platform_system!='Darwin'",
    null,
    'tensorflow-io-gcs-filesystem>=0.23.1; platform_machine != "arm64" or platform_system != "Darwin"',
  ],
  [
    "numpy>=1.23.5; python_version >= '3.11'",
    'numpy',
    [],
    '>=1.23.5',
    "python_version >= '3.11'",
    null,
    'numpy>=1.23.5; python_version >= "3.11"',
  ],
  [
    "numpy>=1.21.6,<1.28.0; python_version < '3.11'",
    'numpy',
    [],
    '>=1.21.6,<1.28.0',
    "python_version < '3.11'",
    null,
    'numpy<1.28.0,>=1.21.6; python_version < "3.11"',
  ],
  ['jaxlib==0.4.23; extra == "cpu"', 'jaxlib', [], '==0.4.23', 'extra == "cpu"', null, 'jaxlib==0.4.23; extra == "cpu"'],
  ["torch>=2.0; os.name == 'posix'", 'torch', [], '>=2.0', "os.name == 'posix'", null, 'torch>=2.0; os_name == "posix"'],
  ["pkg; platform.machine == 'x86_64'", 'pkg', [], '', "platform.machine == 'x86_64'", null, 'pkg; platform_machine == "x86_64"'],
  [
    "pkg; python_implementation == 'CPython'",
    'pkg',
    [],
    '',
    "python_implementation == 'CPython'",
    null,
    'pkg; platform_python_implementation == "CPython"',
  ],
  ["pkg; 'linux' in sys_platform", 'pkg', [], '', "'linux' in sys_platform", null, 'pkg; "linux" in sys_platform'],
  ["pkg; platform_release >= '5.15'", 'pkg', [], '', "platform_release >= '5.15'", null, 'pkg; platform_release >= "5.15"'],
  ["pkg[a]; extra == 'Dev_Tools'", 'pkg', ['a'], '', "extra == 'Dev_Tools'", null, 'pkg[a]; extra == "dev-tools"'],
  ['pkg; "gpu" in extras', 'pkg', [], '', '"gpu" in extras', null, 'pkg; "gpu" in extras'],
  ["pkg; 'dev' not in dependency_groups", 'pkg', [], '', "'dev' not in dependency_groups", null, 'pkg; "dev" not in dependency_groups'],
  [
    'A.B-C_D[X-Y,z_w]>=1.0b2.post345.dev456',
    'A.B-C_D',
    ['X-Y', 'z_w'],
    '>=1.0b2.post345.dev456',
    null,
    null,
    'A.B-C_D[X-Y,z_w]>=1.0b2.post345.dev456',
  ],
  [
    "tensorflow-cpu==2.15.0; platform_system == 'Windows' and python_version >= '3.9'",
    'tensorflow-cpu',
    [],
    '==2.15.0',
    "platform_system == 'Windows' and python_version >= '3.9'",
    null,
    'tensorflow-cpu==2.15.0; platform_system == "Windows" and python_version >= "3.9"',
  ],
  [
    'nvidia-cuda-runtime-cu12==12.1.105 ; platform_system == "Linux" and platform_machine == "x86_64"',
    'nvidia-cuda-runtime-cu12',
    [],
    '==12.1.105',
    'platform_system == "Linux" and platform_machine == "x86_64"',
    null,
    'nvidia-cuda-runtime-cu12==12.1.105; platform_system == "Linux" and platform_machine == "x86_64"',
  ],
  ['foo[]>=1', 'foo', [], '>=1', null, null, 'foo>=1'],
  ['foo [ a , b ] >= 1', 'foo', ['a', 'b'], '>=1', null, null, 'foo[a,b]>=1'],
  [
    "pkg @ https://x.org/a.whl;python_version>'3'",
    'pkg',
    [],
    '',
    null,
    "https://x.org/a.whl;python_version>'3'",
    "pkg @ https://x.org/a.whl;python_version>'3'",
  ],
  [
    "pkg @ https://x.org/a.whl ; python_version>'3'",
    'pkg',
    [],
    '',
    "python_version>'3'",
    'https://x.org/a.whl',
    'pkg @ https://x.org/a.whl ; python_version > "3"',
  ],
  ['torch (==2.1.2)', 'torch', [], '==2.1.2', null, null, 'torch==2.1.2'],
  ['numpy==v1.24.4', 'numpy', [], '==v1.24.4', null, null, 'numpy==v1.24.4'],
  ['numpy==1.24.4 ', 'numpy', [], '==1.24.4', null, null, 'numpy==1.24.4'],
  ['setuptools_scm[toml]>=6.2', 'setuptools_scm', ['toml'], '>=6.2', null, null, 'setuptools_scm[toml]>=6.2'],
  ['scipy>=1.11.0rc1', 'scipy', [], '>=1.11.0rc1', null, null, 'scipy>=1.11.0rc1'],
  [
    'jupyterlab==4.0.10; python_version >= "3.8" and (sys_platform == "linux" or sys_platform == "darwin")',
    'jupyterlab',
    [],
    '==4.0.10',
    'python_version >= "3.8" and (sys_platform == "linux" or sys_platform == "darwin")',
    null,
    'jupyterlab==4.0.10; python_version >= "3.8" and (sys_platform == "linux" or sys_platform == "darwin")',
  ],
  [
    'numpy<2 ; (python_version >= "3.9") and ((platform_machine == "x86_64"))',
    'numpy',
    [],
    '<2',
    '(python_version >= "3.9") and ((platform_machine == "x86_64"))',
    null,
    'numpy<2; python_version >= "3.9" and platform_machine == "x86_64"',
  ],
];

// Lines pip rejects: packaging's message and the offset its caret points at.
const INVALID: [line: string, message: string, offset: number][] = [
  ['pkg===foo,bar', "Invalid specifier: 'bar'", 3],
  ['numpy=1.24', 'Expected semicolon (after name with no version specifier) or end', 5],
  ['numpy>=1.0.*', '.* suffix can only be used with `==` or `!=` operators', 11],
  ['numpy==1.0a1.*', '.* suffix cannot be used after pre-release, post-release, developmental release, or local version labels', 13],
  ['torch>=2.1.2+cu121', 'Local version label can only be used with `==` or `!=` operators', 12],
  ['numpy (>=1.21', 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier', 13],
  ['nemo_toolkit[asr==1.17.0', 'Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras', 16],
  ['watchdog[watchmedo,]==6.0.0', 'Expected extra name after comma', 19],
  ['pkg[a b]', 'Expected comma between extra names', 6],
  ['numpy>=1.21 <2', 'Expected comma (within version specifier), semicolon (after version specifier) or end', 12],
  ['numpy>=1.21,,<2', 'Expected comma (within version specifier), semicolon (after version specifier) or end', 12],
  ['numpy 1.24', 'Expected semicolon (after name with no version specifier) or end', 6],
  ["numpy; python_version >= '3.8' and", 'Expected a marker variable or quoted string', 34],
  ['numpy; python_version >= 3.8', 'Expected a marker variable or quoted string', 25],
  ["numpy; python_version => '3.8'", 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 22],
  ["numpy; python_version >= '3.8' garbage", 'Expected end of dependency specifier', 31],
  ["numpy; (python_version >= '3.8'", 'Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression', 31],
  ["numpy; os_name not 'nt'", "Expected 'in' after 'not'", 19],
  ["numpy; os_name notin 'nt'", 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 15],
  ['pkg @ ', 'Expected URL after @', 6],
  ['pkg @ https://x.org/a.whl foo', 'Expected semicolon (after URL and whitespace) or end', 26],
  ['-e .', 'Expected package name at the start of dependency specifier', 0],
  ['./local/path', 'Expected package name at the start of dependency specifier', 0],
  ['numpy===1.0,foo', "Invalid specifier: 'foo'", 5],
  ['numpy~=1', 'Expected semicolon (after name with no version specifier) or end', 5],
  ['numpy>=v', 'Expected semicolon (after name with no version specifier) or end', 5],
  ["numpy; os_name == 'unterminated", 'Expected a marker variable or quoted string', 18],
  ["numpy; os_name == '\\x4'", 'Invalid quoted string', 23],
  ['numpy;', 'Expected a marker variable or quoted string', 6],
  ['torch==2.1.2 --hash=sha256:abc', 'Expected comma (within version specifier), semicolon (after version specifier) or end', 13],
  ['numpy # comment', 'Expected semicolon (after name with no version specifier) or end', 6],
  ['numpy==1.24.4 # pinned', 'Expected comma (within version specifier), semicolon (after version specifier) or end', 14],
  ['numpy==1.24.4;;', 'Expected a marker variable or quoted string', 14],
  ['[gpu]', 'Expected package name at the start of dependency specifier', 0],
  ['torch==2.1.2+cu121+cpu', 'Local version label can only be used with `==` or `!=` operators', 18],
  ['numpy>=1.0+abc', 'Local version label can only be used with `==` or `!=` operators', 10],
  ['numpy<=1.0.*', '.* suffix can only be used with `==` or `!=` operators', 11],
  ['numpy ~= 1.0.*', '.* suffix can only be used with `==` or `!=` operators', 13],
  ["pkg; python_version ≥ '3.8'", 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in', 20],
  ['numpy; os_name == "nt" or or os_name == "posix"', 'Expected a marker variable or quoted string', 26],
  ['numpy; ()', 'Expected a marker variable or quoted string', 8],
];

describe('parseRequirement: real requirement lines', () => {
  it(`reads ${VALID.length} lines as packaging does`, () => {
    const failures: string[] = [];
    for (const [line, name, extras, specifier, marker, url] of VALID) {
      const got = parseRequirement(line);
      const want = { ok: true, name, extras, specifier, marker, url };
      try {
        assert.deepEqual(got, want);
      } catch {
        failures.push(`${JSON.stringify(line)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  it('prints them as str(Requirement) does, and reading the print gives the same requirement', () => {
    const failures: string[] = [];
    for (const [line, , , , , , printed] of VALID) {
      const parsed = parseRequirement(line);
      if (!parsed.ok) {
        failures.push(`${JSON.stringify(line)}: ${parsed.message}`);
        continue;
      }
      const text = requirementToString(parsed);
      if (text !== printed) failures.push(`${JSON.stringify(line)}: printed ${JSON.stringify(text)}, want ${JSON.stringify(printed)}`);
      const again = parseRequirement(text);
      if (!again.ok || requirementToString(again) !== text) failures.push(`${JSON.stringify(text)} does not read back`);
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });

  it(`rejects ${INVALID.length} lines with packaging's message and offset`, () => {
    const failures: string[] = [];
    for (const [line, message, offset] of INVALID) {
      const got = parseRequirement(line);
      if (got.ok || got.message !== message || got.offset !== offset) {
        failures.push(`${JSON.stringify(line)}: got ${JSON.stringify(got)}, want ${JSON.stringify({ message, offset })}`);
      }
    }
    assert.deepEqual(failures.slice(0, 20), []);
  });
});

describe('parseRequirement: details', () => {
  it('keeps the name and extras as written; the caller normalises them', () => {
    assert.deepEqual(parseRequirement('Nemo_Toolkit[ASR, Dev_Tools, ASR]'), {
      ok: true,
      name: 'Nemo_Toolkit',
      extras: ['ASR', 'Dev_Tools', 'ASR'],
      specifier: '',
      marker: null,
      url: null,
    });
  });

  it('gives back a trailing `.` or `-` of a name, as the regex `\\b` does', () => {
    assert.deepEqual(parseRequirement('foo-'), {
      ok: false,
      message: 'Expected semicolon (after name with no version specifier) or end',
      offset: 3,
    });
    assert.deepEqual(parseRequirement('foo_'), { ok: true, name: 'foo_', extras: [], specifier: '', marker: null, url: null });
    assert.deepEqual(parseRequirement('fooé'), {
      ok: false,
      message: 'Expected package name at the start of dependency specifier',
      offset: 0,
    });
  });

  it('accepts one final newline (Python `$`), but not two', () => {
    const one = parseRequirement('numpy==1.24.4\n');
    assert.ok(one.ok);
    assert.equal(one.specifier, '==1.24.4');
    assert.deepEqual(parseRequirement('numpy==1.24.4\n\n'), {
      ok: false,
      message: 'Expected comma (within version specifier), semicolon (after version specifier) or end',
      offset: 13,
    });
  });

  it('allows a trailing comma in the specifier, as packaging 26 does', () => {
    const parsed = parseRequirement('foo>=1.0, ; python_version >= "3"');
    assert.ok(parsed.ok);
    assert.equal(parsed.specifier, '>=1.0,');
    const set = parseSpecifierSet(parsed.specifier);
    assert.ok(set.ok && set.set.specifiers.length === 1);
  });

  it('takes a `;` right after a URL as part of the URL', () => {
    const parsed = parseRequirement('pkg @ https://x.org/a.whl;python_version<"3"');
    assert.ok(parsed.ok);
    assert.equal(parsed.url, 'https://x.org/a.whl;python_version<"3"');
    assert.equal(parsed.marker, null);
  });

  it('returns a marker that parseMarker reads', () => {
    for (const [line, , , , marker] of VALID) {
      if (marker !== null) assert.ok(parseMarker(marker).ok, line);
    }
  });

  it('reads markers nested 1,000 deep and long chains, and refuses deeper ones without blowing the stack', () => {
    const deep = `pkg; ${'('.repeat(1000)}os_name == "nt"${')'.repeat(1000)}`;
    const parsed = parseRequirement(deep);
    assert.ok(parsed.ok);
    assert.equal(requirementToString(parsed), 'pkg; os_name == "nt"');
    const long = `pkg; ${Array.from({ length: 5000 }, (_, i) => `python_version == "3.${i}"`).join(' or ')}`;
    assert.ok(parseRequirement(long).ok);
    const unclosed = parseRequirement(`pkg; ${'('.repeat(1000)}os_name == "nt"`);
    assert.equal(unclosed.ok, false);
    // pip fails with RecursionError at about 490 levels.
    const tooDeep = parseRequirement(`pkg; ${'('.repeat(10_000)}os_name == "nt"${')'.repeat(10_000)}`);
    assert.deepEqual(tooDeep, {
      ok: false,
      message: 'Parentheses nested more than 1000 deep: pip cannot read them either (its parser fails with RecursionError at about 490)',
      offset: 1005,
    });
  });

  it('reads a marker error at its place in the whole line', () => {
    assert.deepEqual(parseRequirement('numpy; python_version >= "3.8" and os_name =! "nt"'), {
      ok: false,
      message: 'Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in',
      offset: 43,
    });
  });
});
