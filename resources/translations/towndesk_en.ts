<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../ui/dashboard/actions.py" line="25" />
        <source>ActionLists</source>
        <comment>逾期 {0} 天</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="27" />
        <source>ActionLists</source>
        <comment>今天到期</comment>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="28" />
        <source>ActionLists</source>
        <comment>还有 {0} 天</comment>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AboutSection</name>
    <message>
        <location filename="../../ui/settings/about_section.py" line="28" />
        <source>县级办公室</source>
        <translation>county office</translation>
    </message>
    <message>
        <location filename="../../ui/settings/about_section.py" line="28" />
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/settings/about_section.py" line="34" />
        <source>打开数据文件夹</source>
        <translation>Open data folder</translation>
    </message>
<message><source>程序版本</source><translation>Version</translation></message><message><source>名称</source><translation>Name</translation></message><message><source>角色</source><translation>Role</translation></message><message><source>区划代码</source><translation>Region code</translation></message><message><source>本机指纹</source><translation>Fingerprint</translation></message><message><source>数据文件夹</source><translation>Data folder</translation></message><message><source>日志文件</source><translation>Log file</translation></message><message><source>操作人</source><translation>User</translation></message></context>
<context>
    <name>ActionLists</name>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="42" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="42" />
        <source>事项</source>
        <translation>What</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/actions.py" line="42" />
        <source>期限</source>
        <translation>Due</translation>
    </message>
<message><source>逾期节点</source><translation>Overdue milestones</translation></message><message><source>待整改</source><translation>Open rectifications</translation></message><message><source>督办单</source><translation>Notices</translation></message><message><source>红黄项目</source><translation>Red/yellow</translation></message><message><source>逾期 {0} 天</source><translation>{0} days late</translation></message><message><source>今天到期</source><translation>due today</translation></message><message><source>还有 {0} 天</source><translation>{0} days left</translation></message></context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="32" />
        <source>如 管理员 或 zhangsan</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="34" />
        <source>如 张三（可不填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="37" />
        <source>至少 8 个字符，可以是一句好记的话</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="40" />
        <source>用户名：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="41" />
        <source>姓名：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="42" />
        <source>密码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="43" />
        <source>再输一次密码：</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BenefitTab</name>
    <message>
        <location filename="../../ui/project_tabs/benefit_tab.py" line="29" />
        <source>已登记受益户 {0} 户 {1} 人，其中建档立卡/脱贫/监测户 {2} 户；年增收合计 {3:,.2f} 元。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="141" />
        <source>请修改密码</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="141" />
        <source>您的密码是管理员设置的，请先换成只有您知道的密码。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="142" />
        <source>修改并继续</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="145" />
        <source>至少 8 个字符</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="147" />
        <source>原密码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="148" />
        <source>新密码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="149" />
        <source>再输一次：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="153" />
        <source>两次输入的新密码不一致。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChecklistsPage</name>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="40" />
        <source>全部</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="43" />
        <source>资料：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="45" />
        <source>项目：{0}</source>
        <translation>Project: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="48" />
        <source>搜索项目、村或资料名称</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="57" />
        <location filename="../../ui/pages/checklists_page.py" line="151" />
        <location filename="../../ui/pages/checklists_page.py" line="158" />
        <source>资料缺失清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="58" />
        <source>各项目完整度</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="61" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="61" />
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="61" />
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="66" />
        <source>打印预览…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="67" />
        <source>保存为 PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="68" />
        <source>导出 Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="69" />
        <source>打印所列项目的对照表…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="112" />
        <source>全部项目</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="117" />
        <source>读取资料清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="128" />
        <source>缺失 {0} 项，其中已逾期 {1} 项；{2} 个项目</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="168" />
        <source>项目资料目录对照表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="174" />
        <location filename="../../ui/pages/checklists_page.py" line="181" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="174" />
        <source>资料缺失清单.xlsx</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/checklists_page.py" line="182" />
        <source>已导出 {0}：{1} 项</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../ui/county/dialogs.py" line="99" />
        <source>与系统建议不同时必须填写理由</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="104" />
        <source>每行一项：任务内容|完成时限|责任单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="106" />
        <source>系统建议</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="107" />
        <source>确定为</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="108" />
        <source>理由</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="109" />
        <source>四个一批</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="110" />
        <source>一项目一方案</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CountyDashboardTab</name>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="28" />
        <source>本年度</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="37" />
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="44" />
        <source>按支出进度排名。超过设定天数（默认 15 天）未收到同步包的乡镇标为红色，请电话提醒其导出同步包。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="49" />
        <source>读取各乡镇进度</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="58" />
        <source>从未收到</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="58" />
        <source>{0} 天前</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="59" />
        <source>（未登记）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dashboard_tab.py" line="67" />
        <source>{0} 年：{1} 个项目，开工率 {2}，完工率 {3}，支出进度 {4}；{5} 个乡镇超过 {6} 天未报送</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CountyPage</name>
    <message>
        <location filename="../../ui/pages/county_page.py" line="29" />
        <source>乡镇进度</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/county_page.py" line="32" />
        <source>风险排查</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/county_page.py" line="33" />
        <source>督办单</source>
        <translation>Notices</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="35" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="44" />
        <source>年度：</source>
        <translation>Year:</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="84" />
        <source>读取工作台</source>
        <translation>Loading the dashboard</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="96" />
        <source>{0} 年</source>
        <translation>{0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="99" />
        <source>今天 {0}</source>
        <translation>Today {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="101" />
        <source>计划投资 {0} 万元</source>
        <translation>Planned {0} (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="102" />
        <source>已开工 {0} / {1}</source>
        <translation>{0} of {1} started</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="103" />
        <source>已完工 {0} / {1}</source>
        <translation>{0} of {1} completed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="104" />
        <source>已拨付 {0} 万元</source>
        <translation>{0} (10k yuan) disbursed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="105" />
        <source>已支出 {0} 万元</source>
        <translation>{0} (10k yuan) spent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="106" />
        <source>已齐 {0} / {1} 项</source>
        <translation>{0} of {1} items</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard_page.py" line="112" />
        <source>绿（正常） {0} 个</source>
        <translation>{0} green (normal)</translation>
    </message>
<message><source>红 {0}</source><translation>Red {0}</translation></message><message><source>黄 {0}</source><translation>Yellow {0}</translation></message><message><source>工作台</source><translation>Dashboard</translation></message><message><source>本年度项目</source><translation>Projects this year</translation></message><message><source>开工率</source><translation>Started</translation></message><message><source>完工率</source><translation>Completed</translation></message><message><source>资金拨付</source><translation>Disbursed</translation></message><message><source>支出进度</source><translation>Spending</translation></message><message><source>资料完整率</source><translation>Documents complete</translation></message><message><source>风险项目</source><translation>Risk projects</translation></message></context>
<context>
    <name>DataPage</name>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="127" />
        <source>演示数据是虚构的项目，只用于熟悉操作；正式使用请换一个数据文件夹。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="129" />
        <source>选择 Excel 台账…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="144" />
        <source>选择 Excel 台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="144" />
        <source>Excel 文件 (*.xlsx *.xlsm);;所有文件 (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="149" />
        <source>正在试读…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="158" />
        <source>试读 </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="158" />
        <source>将导入 {0} 个项目，已存在 {1}，跳过 {2} 行，拒绝 {3} 行。完成设置后，在「项目台账」页可以查看每一行的处理结果。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../ui/project_editor/editors.py" line="116" />
        <source>日历</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/editors.py" line="117" />
        <source>从日历选择</source>
        <translation>Pick from a calendar</translation>
    </message>
</context>
<context>
    <name>DisplaySection</name>
    <message>
        <location filename="../../ui/settings/display_section.py" line="20" />
        <source> 磅</source>
        <translation> pt</translation>
    </message>
    <message>
        <location filename="../../ui/settings/display_section.py" line="31" />
        <source>字号</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../ui/settings/display_section.py" line="32" />
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/settings/display_section.py" line="33" />
        <source>字号立即生效（已打开的表格可能需要切换页面后刷新）；界面语言在下次启动时生效。
屏幕缩放（125%、150%）由系统设置决定，程序会自动适应。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DocumentsTab</name>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="59" />
        <source>—</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="66" />
        <source>保存此项</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="93" />
        <source>附件（可把文件拖到这里）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="120" />
        <source>读取资料清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="135" />
        <source>{0}（第 {1} 版）　完整度 {2}/{3}（{4}%）　本阶段应有 {5}/{6}{7}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="137" />
        <source>，已齐全</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="183" />
        <source>选择左侧的一项资料。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="185" />
        <source>（条件：{0}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="218" />
        <source>保存资料状态</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="222" />
        <source>选择要添加的文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="223" />
        <source>扫描件与文档 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.doc *.docx *.xls *.xlsx *.wps *.et *.ofd);;所有文件 (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="231" />
        <source>请先在左侧选择要挂接附件的资料项。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="236" />
        <source>文件较大</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="237" />
        <source>仍要保存吗？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="245" />
        <source>添加附件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="249" />
        <source>已存在，未重复添加：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="253" />
        <source>打开附件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="263" />
        <location filename="../../ui/project_tabs/documents_tab.py" line="267" />
        <source>移除附件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="263" />
        <source>从此资料项移除“{0}”？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/documents_tab.py" line="290" />
        <location filename="../../ui/project_tabs/documents_tab.py" line="293" />
        <source>资料清单-{0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>EditorActions</name>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="45" />
        <source>有 {0} 处需要修改（已标红）：{1}</source>
        <translation>{0} fields need correcting (marked red): {1}</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="56" />
        <source>没有需要保存的修改。</source>
        <translation>Nothing to save.</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="72" />
        <source>保存项目</source>
        <translation>Saving the project</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="82" />
        <source>已保存（{0}）。</source>
        <translation>Saved ({0}).</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="83" />
        <source>已新建项目 {0}。现在可以在其他选项卡登记资金、工期和受益户。</source>
        <translation>Project {0} created. You can now enter money, schedule and households in the other tabs.</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="95" />
        <source>项目已被修改</source>
        <translation>Project changed</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="96" />
        <source>要重新读取最新内容吗？（您的修改将丢失）</source>
        <translation>Reload the latest version? (your edits are lost)</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="113" />
        <source>撤销 {0} 由 {1} 做的修改：{2}？</source>
        <translation>Undo the change made at {0} by {1}: {2}?</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="113" />
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="115" />
        <source>这是新建此项目的操作，撤销后项目将被删除（变更记录保留）。</source>
        <translation>This change created the project: undoing it deletes the project (the history is kept).</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="117" />
        <source>表单中尚未保存的修改将被丢弃。</source>
        <translation>Unsaved edits in the form will be discarded.</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="118" />
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="137" />
        <source>已撤销：{0}</source>
        <translation>Undone: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="139" />
        <source>撤销修改</source>
        <translation>Undoing</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="149" />
        <source>尚未保存</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/actions.py" line="149" />
        <source>这个项目有尚未保存的修改。要保存吗？</source>
        <translation>This project has unsaved changes. Save them?</translation>
    </message>
</context>
<context>
    <name>EnrollPage</name>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="59" />
        <source>选择县里的身份文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="61" />
        <source>暂不登记</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="67" />
        <source>尚未选择文件。也可以以后在「同步」页登记。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="77" />
        <source>我已打电话给县里，对方逐组念出的指纹与上面完全一致</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="84" />
        <source>选择县级办公室的身份文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="84" />
        <source>身份文件 (*.json);;所有文件 (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="95" />
        <source>文件：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="95" />
        <source>单位：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="96" />
        <source>请打电话请县里念出他们的指纹，逐组核对：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_setup.py" line="103" />
        <source>不登记也可以继续；以后在「同步」页登记县级办公室。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="31" />
        <source>选择 .xlsx 台账文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="32" />
        <source>浏览…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="39" />
        <source>按表格</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="42" />
        <source>按表格识别</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="42" />
        <source>万元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="42" />
        <source>元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="46" />
        <source>表中没有乡镇列时填写（县级办公室用）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="51" />
        <source>第 1 步：选择台账文件。程序会先预览每一行的结果，确认后才导入，已有的项目不会重复。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="52" />
        <source>文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="53" />
        <source>工作表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="54" />
        <source>年度（表中没有时）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="55" />
        <source>金额单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="56" />
        <source>实施乡镇（表中没有时）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilesField</name>
    <message>
        <location filename="../../ui/county/dialogs.py" line="72" />
        <source>（未选择）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="73" />
        <source>选择文件…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="81" />
        <source>选择佐证文件</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../ui/ledger/filters.py" line="24" />
        <source>搜索名称、编号、村、单位，或拼音首字母（如 lhc）</source>
        <translation>Search name, code, village, unit or pinyin initials (e.g. lhc)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="27" />
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="28" />
        <source>全部层级</source>
        <translation>All levels</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="29" />
        <source>全部资金来源</source>
        <translation>All funding sources</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="30" />
        <source>全部地点</source>
        <translation>All places</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="31" />
        <source>全部阶段</source>
        <translation>All stages</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="32" />
        <source>全部风险</source>
        <translation>All risk levels</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="33" />
        <source>红色风险</source>
        <translation>Red risk</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="33" />
        <source>黄色风险</source>
        <translation>Yellow risk</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="34" />
        <source>绿色（正常）</source>
        <translation>Green (normal)</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="34" />
        <source>未评级</source>
        <translation>Not graded</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="36" />
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location filename="../../ui/ledger/filters.py" line="75" />
        <source>{0} 年</source>
        <translation>{0}</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="106" />
        <source>还没有任何账户。请创建管理员账户：管理员可以添加经办人账户、做备份和恢复。请记好密码。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="108" />
        <source>
这是演示数据，也可以先跳过。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109" />
        <source>创建管理员</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="109" />
        <source>创建并登录</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="114" />
        <source>至少 8 个字符，可以是一句好记的话</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="116" />
        <source>用户名：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="117" />
        <source>姓名：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="118" />
        <source>密码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="119" />
        <source>再输一次密码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="122" />
        <source>跳过（演示）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="132" />
        <source>两次输入的密码不一致。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <location filename="../../ui/first_run/wizard.py" line="27" />
        <source>TownDesk 乡镇项目台账 — 首次设置</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>GeneratedList</name>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="38" />
        <location filename="../../ui/templates/generated_list.py" line="84" />
        <source>关联到资料项</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="41" />
        <source>打开</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="60" />
        <source>读取已生成的文书</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="68" />
        <source>（未关联）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="84" />
        <source>关联到资料项“{0}”</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="85" />
        <source>把所选文书挂到该资料项下，资料项缺失时标为已收集</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="97" />
        <source>关联资料项</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/generated_list.py" line="108" />
        <source>打开文书</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HistoryTab</name>
    <message>
        <location filename="../../ui/project_tabs/history_tab.py" line="28" />
        <source>筛选：字段、操作人或数值</source>
        <translation>Filter: field, user or value</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/history_tab.py" line="44" />
        <source>变更记录只增不改：每次保存、撤销、同步都会追加一条，原有记录不会被修改或删除。</source>
        <translation>The history only grows: every save, undo and sync adds rows; existing rows are never changed or removed.</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/history_tab.py" line="55" />
        <source>读取变更记录</source>
        <translation>Loading history</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/history_tab.py" line="80" />
        <source>{0} 条</source>
        <translation>{0} rows</translation>
    </message>
<message><source>时间</source><translation>Time</translation></message><message><source>操作人</source><translation>User</translation></message><message><source>记录</source><translation>Record</translation></message><message><source>操作</source><translation>Action</translation></message><message><source>字段</source><translation>Field</translation></message><message><source>原值</source><translation>Old</translation></message><message><source>新值</source><translation>New</translation></message></context>
<context>
    <name>IssueDialog</name>
    <message>
        <location filename="../../ui/county/dialogs.py" line="157" />
        <source>项目编号，多个用空格或顿号分开（可不填）</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LedgerImportWizard</name>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="22" />
        <source>导入 Excel 项目台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="31" />
        <source>上一步</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="32" />
        <location filename="../../ui/ledger_import_wizard.py" line="143" />
        <source>下一步：预览</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="33" />
        <source>导入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="34" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="60" />
        <source>选择台账文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="69" />
        <source>读取工作表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="75" />
        <source>自动（第一个含表头的工作表）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="94" />
        <source>请先选择台账文件。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="97" />
        <source>预览导入结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="105" />
        <source>预览：将新增 {0} 个项目，拒绝 {1} 行。未写入任何数据。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="118" />
        <source>导入台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="124" />
        <source>导入前已备份数据库：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="125" />
        <source>导入完成：新增 {0} 个项目，拒绝 {1} 行。{2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="143" />
        <source>重新预览</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/ledger_import_wizard.py" line="147" />
        <source>导入 {0} 个项目</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ListEditor</name>
    <message>
        <location filename="../../ui/project_editor/editors.py" line="201" />
        <source>选择…</source>
        <translation>Choose…</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="87" />
        <source>登录 TownDesk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="87" />
        <source>{0}：请输入您的用户名和密码。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="88" />
        <source>登录</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="92" />
        <source>用户名：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/login_dialog.py" line="93" />
        <source>密码：</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="58" />
        <source>正在处理…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>县级办公室</source>
        <translation>county office</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="70" />
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>TownDesk 乡镇项目台账</source>
        <translation>TownDesk</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="88" />
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="89" />
        <source>搜索项目</source>
        <translation>Find project</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="90" />
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="93" />
        <source>（未登录）</source>
        <translation>(not signed in)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="94" />
        <source>操作人：{0}    数据文件夹：{1}</source>
        <translation>User: {0}    Data folder: {1}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="137" />
        <source>项目编辑窗口尚在制作中。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>此页面没有可打印的内容。</source>
        <translation>Nothing to print on this page.</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182" />
        <source>正在处理</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="183" />
        <source>还有操作正在进行。等它完成后再退出吗？
（选“否”继续工作）</source>
        <translation>Something is still running. Wait for it to finish and quit?
(Choose No to keep working)</translation>
    </message>
<message><source>工作台</source><translation>Dashboard</translation></message><message><source>项目台账</source><translation>Project ledger</translation></message><message><source>资料清单</source><translation>Document checklists</translation></message><message><source>文书模板</source><translation>Templates</translation></message><message><source>督查整改</source><translation>Inspections</translation></message><message><source>同步</source><translation>Sync</translation></message><message><source>报表</source><translation>Reports</translation></message><message><source>设置</source><translation>Settings</translation></message></context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="67" />
        <source>列</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="67" />
        <source>表头</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="67" />
        <source>导入为</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="70" />
        <source>行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="70" />
        <source>分组标题</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="70" />
        <source>项目层级</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="77" />
        <source>第 2 步：核对每一列导入为什么，以及每个分组行（如“一、市级项目”）的层级。改动后点“重新预览”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="89" />
        <source>（隐藏列）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="94" />
        <source>资金构成：{0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MoneyTab</name>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="25" />
        <source>拨付进度</source>
        <translation>Disbursed</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="25" />
        <source>支出进度</source>
        <translation>Spending</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="26" />
        <source>工程进度</source>
        <translation>Works</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="56" />
        <source>读取资金情况</source>
        <translation>Loading money</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="60" />
        <source>尚未登记资金下达</source>
        <translation>No allocation recorded</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="61" />
        <source>计划投资 &lt;b&gt;{0}&lt;/b&gt; 万元　已下达 &lt;b&gt;{1}&lt;/b&gt; 万元　已拨付 &lt;b&gt;{2}&lt;/b&gt; 万元　已支出 &lt;b&gt;{3}&lt;/b&gt; 万元&lt;br&gt;&lt;span style='color:#555'&gt;下达来源：{4}&lt;/span&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="72" />
        <source>（尚无到期节点）</source>
        <translation>(no milestone due yet)</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="75" />
        <source>落后：{0} 节点要求 {1}%</source>
        <translation>Behind: {0} requires {1}%</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/money_tab.py" line="78" />
        <source>达到 {0} 节点要求 {1}%</source>
        <translation>Meets {0} target of {1}%</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="23" />
        <source>下发督办单…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="26" />
        <source>办结</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="29" />
        <source>答复…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="43" />
        <source>督办单随同步包往来：县级下发后导出同步包给乡镇；乡镇答复（整改情况和佐证材料）后导出同步包报县级；县级核实后办结。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="47" />
        <source>读取督办单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="58" />
        <source>共 {0} 张，逾期 {1} 张</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="74" />
        <location filename="../../ui/county/notices_tab.py" line="84" />
        <source>请先选中一张督办单。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/notices_tab.py" line="90" />
        <source>办结督办单</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OversightPage</name>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="50" />
        <source>只看未完成的整改</source>
        <translation>Open rectifications only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="65" />
        <source>整改</source>
        <translation>Rectifications</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="66" />
        <source>督查 / 调研 / 审计</source>
        <translation>Inspections / visits / audits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="67" />
        <source>督办单</source>
        <translation>Notices</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="68" />
        <source>双击一行打开项目；在项目的“督查整改”选项卡中登记检查、整改措施和完成情况。</source>
        <translation>Double-click a row to open the project; enter inspections and rectifications in its Inspections tab.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="85" />
        <source>读取督查整改</source>
        <translation>Loading inspections</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="110" />
        <source>整改（未完成 {0}）</source>
        <translation>Rectifications ({0} open)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="111" />
        <source>督查 / 调研 / 审计（{0}）</source>
        <translation>Inspections / visits / audits ({0})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/oversight_page.py" line="112" />
        <source>督办单（{0}）</source>
        <translation>Notices ({0})</translation>
    </message>
<message><source>督查整改</source><translation>Inspections</translation></message></context>
<context>
    <name>PlacePage</name>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="83" />
        <source>查找：如 小中甸、xzd、533401</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="87" />
        <source>区划代码</source>
        <translation>Region code</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="87" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="87" />
        <source>代码来源</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="97" />
        <source>12 位数字，如 533401102000</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="99" />
        <source>如 小中甸镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="100" />
        <source>区划代码：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="101" />
        <source>名称：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="113" />
        <source>选择本乡镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="113" />
        <source>选择本县（市、区）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="130" />
        <source>推断，请核对</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="130" />
        <source>公开资料</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="149" />
        <source>注意：这个代码是按官方乡镇顺序推断的，不是权威数据。请与最新的统计用区划代码核对，不一致时直接改上面的代码。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="25" />
        <source>&lt;p&gt;&lt;b&gt;此页面暂时无法打开。&lt;/b&gt;原因：{0}&lt;br&gt;详细信息已写入日志：{1}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;This page cannot open right now.&lt;/b&gt; Reason: {0}&lt;br&gt;Details are in the log: {1}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="28" />
        <source>&lt;p&gt;此功能尚在制作中，下一版本提供。&lt;/p&gt;</source>
        <translation>&lt;p&gt;This feature is still being built; it comes in the next release.&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="30" />
        <source>&lt;p&gt;现在可以先用命令行：&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;p&gt;Meanwhile use the command line: &lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="33" />
        <source>&lt;p&gt;已经可以使用的页面：{0}&lt;/p&gt;</source>
        <translation>&lt;p&gt;Pages you can use already: {0}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>PlaceholderTab</name>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="45" />
        <source>“{0}”暂时无法显示：{1}。详细信息见日志。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/placeholder.py" line="46" />
        <source>“{0}”功能尚在制作中，下一版本提供。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="133" />
        <source>全部行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="139" />
        <source>行</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="139" />
        <source>结果</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="139" />
        <source>项目名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="139" />
        <source>说明</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="147" />
        <source>显示</source>
        <translation>Display</translation>
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="155" />
        <source>已新增</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="155" />
        <source>将新增</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/import_pages.py" line="156" />
        <source>{0} {1} 个项目，更新 {2} 个，已存在 {3} 个（不会重复导入），跳过 {4} 行，拒绝 {5} 行。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProgressChart</name>
    <message>
        <location filename="../../ui/dashboard/chart.py" line="49" />
        <source>{0} 年累计进度与节点目标</source>
        <translation>{0}: cumulative progress and milestone targets</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/chart.py" line="77" />
        <source>{0}月</source>
        <translation>M{0}</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/chart.py" line="81" />
        <source>该年度还没有资金或进度数据</source>
        <translation>No money or progress recorded for this year</translation>
    </message>
    <message>
        <location filename="../../ui/dashboard/chart.py" line="110" />
        <source>节点目标</source>
        <translation>Targets</translation>
    </message>
<message><source>累计拨付</source><translation>Disbursed</translation></message><message><source>累计支出</source><translation>Spent</translation></message><message><source>工程进度</source><translation>Works</translation></message></context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="68" />
        <source>撤销上次修改</source>
        <translation>Undo last change</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="71" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="74" />
        <source>保存（Ctrl+S）</source>
        <translation>Save (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="76" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="77" />
        <source>关闭（Esc）</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="110" />
        <source>读取项目</source>
        <translation>Loading the project</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="153" />
        <source>生成项目编号</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="159" />
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="161" />
        <source>带 * 的是必填项。保存后可登记资金、工期、受益户、督查整改。</source>
        <translation>Fields with * are required. After saving you can enter money, schedule, households and inspections.</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="165" />
        <source>项目：{0}</source>
        <translation>Project: {0}</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="167" />
        <source>{0}　{1}　{2}　阶段：{3}　版本 {4}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="171" />
        <source>色风险</source>
        <translation> risk</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="179" />
        <source>撤销 {0} {1} 的修改：{2}</source>
        <translation>Undo the change of {0} by {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="181" />
        <source>没有可以撤销的修改</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location filename="../../ui/project_editor/dialog.py" line="222" />
        <source>刷新项目</source>
        <translation>Refreshing the project</translation>
    </message>
<message><source>基本信息</source><translation>Basic</translation></message><message><source>资金</source><translation>Money</translation></message><message><source>工期</source><translation>Schedule</translation></message><message><source>带贫</source><translation>Beneficiaries</translation></message><message><source>资料</source><translation>Documents</translation></message><message><source>督查整改</source><translation>Inspections</translation></message><message><source>变更记录</source><translation>History</translation></message></context>
<context>
    <name>ProjectsPage</name>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="44" />
        <source>新建项目</source>
        <translation>New project</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="46" />
        <source>新建项目（Ctrl+N）</source>
        <translation>New project (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="48" />
        <source>显示列…</source>
        <translation>Columns…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="52" />
        <location filename="../../ui/pages/projects_page.py" line="236" />
        <location filename="../../ui/pages/projects_page.py" line="252" />
        <source>导出 Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="54" />
        <source>把当前显示的项目导出为 Excel 表格</source>
        <translation>Export the projects shown to an Excel workbook</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="95" />
        <source>正在读取…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="97" />
        <source>读取项目台账</source>
        <translation>Loading the ledger</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="147" />
        <source>刷新项目台账</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="156" />
        <source>共 {0} 个项目</source>
        <translation>{0} projects</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="157" />
        <source>显示 {0} / {1} 个项目</source>
        <translation>{0} of {1} projects</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="190" />
        <source>打开项目 {0}</source>
        <translation>Open project {0}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="191" />
        <source>复制项目编号</source>
        <translation>Copy project code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="207" />
        <source>恢复默认列</source>
        <translation>Default columns</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="235" />
        <source>项目台账.xlsx</source>
        <translation>ledger.xlsx</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="236" />
        <source>Excel 表格 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="242" />
        <location filename="../../ui/pages/projects_page.py" line="261" />
        <source>项目台账</source>
        <translation>Project ledger</translation>
    </message>
    <message>
        <location filename="../../ui/pages/projects_page.py" line="249" />
        <source>已导出 {0} 个项目到 {1}</source>
        <translation>Exported {0} projects to {1}</translation>
    </message>
</context>
<context>
    <name>RecordDialog</name>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="43" />
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="43" />
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="63" />
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="64" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="70" />
        <source>身份证号、电话只显示部分号码；不修改时保持原样即可。</source>
        <translation>ID and phone numbers are shown in part; leave them as they are to keep them.</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="108" />
        <source>请先修改标红的项目。</source>
        <translation>Please correct the fields marked red.</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="124" />
        <source>保存{0}</source>
        <translation>Saving {0}</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/record_dialog.py" line="140" />
        <source>未保存：请按红字提示修改。</source>
        <translation>Not saved: correct the fields marked red.</translation>
    </message>
</context>
<context>
    <name>RecordsPanel</name>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="38" />
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="40" />
        <source>修改</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="41" />
        <location filename="../../ui/project_tabs/records_panel.py" line="138" />
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="47" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="75" />
        <source>读取记录</source>
        <translation>Loading records</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="138" />
        <source>删除这条{0}记录？（删除会记入变更记录，可以撤销）</source>
        <translation>Delete this {0} record? (recorded in the history; can be undone)</translation>
    </message>
    <message>
        <location filename="../../ui/project_tabs/records_panel.py" line="146" />
        <source>删除记录</source>
        <translation>Deleting</translation>
    </message>
</context>
<context>
    <name>RenderPanel</name>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="50" />
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="50" />
        <source>将填入</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="61" />
        <source>同时生成 PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="65" />
        <source>本机没有安装 LibreOffice，不能生成 PDF；可在 Word/WPS 中“另存为 PDF”。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="66" />
        <source>填入完整身份证号（签字用）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="70" />
        <source>默认隐去身份证号中间位；经办人、管理员登录后可填入完整号码，并记入安全日志。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="71" />
        <source>生成 Word 文书…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="77" />
        <source>打开文书</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="80" />
        <source>打开所在文件夹</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="90" />
        <source>项目：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="91" />
        <source>模板：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="93" />
        <source>生成后关联到资料项：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="123" />
        <source>读取项目</source>
        <translation>Loading the project</translation>
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="147" />
        <source>{0}（第 {1} 版，{2}）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="158" />
        <source>读取资料清单</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="166" />
        <source>（不关联）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="186" />
        <source>预览</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="195" />
        <source>（缺）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="201" />
        <source>生成前请注意：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="210" />
        <source>保存文书</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="210" />
        <source>Word 文档 (*.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="222" />
        <source>生成文书</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="226" />
        <source>已生成：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="228" />
        <source>；PDF：{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/render_panel.py" line="230" />
        <source>；已关联资料项</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReplyDialog</name>
    <message>
        <location filename="../../ui/county/dialogs.py" line="179" />
        <source>整改情况报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="181" />
        <source>督办事项</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="182" />
        <source>整改情况</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="183" />
        <source>佐证文件</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="42" />
        <source>规定报表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="46" />
        <source>挂图作战</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="74" />
        <source>按乡镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="75" />
        <source>按部门（实施单位）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="76" />
        <source>万元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="77" />
        <source>元</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="79" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="80" />
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="82" />
        <source>报送日/统计日</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="84" />
        <source>汇总方式</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="86" />
        <source>金额单位</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="88" />
        <source>生成 Excel…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="89" />
        <source>生成 PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="94" />
        <source>导入 Excel 台账…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="96" />
        <source>把已有的 Excel 项目台账导入 TownDesk（先预览每一行，再导入）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="103" />
        <source>打开文件夹</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="107" />
        <source>报表设置</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="134" />
        <source>读取年度和乡镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="137" />
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="138" />
        <source>全部乡镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="163" />
        <source>保存报表</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="173" />
        <source>正在生成…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="174" />
        <source>生成{0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="179" />
        <source>已生成 {0}（{1} 行）：{2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/pages/reports_page.py" line="186" />
        <source>未生成：{0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RiskTab</name>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="23" />
        <source>确定等级…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="26" />
        <source>降级销号…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="39" />
        <source>红：疑似“建而不成、成而不用、用而不好”；黄：节点逾期、支出落后、资料缺失、未设共管账户、未及时验收结算、资产未确权。系统建议由县级办公室确认或调整（须写理由）。双击打开项目。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="43" />
        <source>风险排查</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="51" />
        <source>共 {0} 个项目：系统建议红 {1}、黄 {2}、绿 {3}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/risk_tab.py" line="61" />
        <location filename="../../ui/county/risk_tab.py" line="71" />
        <source>请先选中一个项目。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RolePage</name>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="55" />
        <source>乡镇（镇、乡人民政府）：建立项目台账，定期向县里报送同步包</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="56" />
        <source>县级办公室（沪滇办、乡村振兴局、工作专班）：汇总各乡镇，督办、排查风险</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="62" />
        <source>同一个程序用于乡镇和县级办公室。本机的角色设定后不能更改；如选错，可换一个数据文件夹重新设置。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/first_run/pages_place.py" line="66" />
        <source>数据文件夹：</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="34" />
        <source>此设置暂时无法显示：{0}</source>
        <translation type="unfinished" />
    </message>
<message><source>设置</source><translation>Settings</translation></message><message><source>显示</source><translation>Display</translation></message><message><source>工作台目标</source><translation>Dashboard targets</translation></message><message><source>本机信息</source><translation>This installation</translation></message><message><source>账户</source><translation>Accounts</translation></message><message><source>备份</source><translation>Backups</translation></message></context>
<context>
    <name>SignoffDialog</name>
    <message>
        <location filename="../../ui/county/dialogs.py" line="128" />
        <source>整改结果及佐证，例如：已复工投产，见验收报告</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="130" />
        <source>系统仍发现问题时，说明为何不影响销号（可不填）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="132" />
        <source>佐证说明</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="133" />
        <source>佐证文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/county/dialogs.py" line="134" />
        <source>理由</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TargetsSection</name>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="29" />
        <source>添加一行</source>
        <translation>Add row</translation>
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="31" />
        <source>删除所选行</source>
        <translation>Delete row</translation>
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="33" />
        <location filename="../../ui/settings/targets_section.py" line="80" />
        <source>保存目标</source>
        <translation>Save targets</translation>
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="42" />
        <source>倒排工期的节点目标，例如 2020 年：6月30日完成 50%，8月30日 80%，10月30日 100%。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="46" />
        <source>读取目标</source>
        <translation>Loading targets</translation>
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="63" />
        <source>第 {0} 行的目标应为 0–100 的整数。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/settings/targets_section.py" line="79" />
        <source>已保存。工作台的图表已按新目标刷新。</source>
        <translation>Saved. The dashboard chart now uses the new targets.</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <location filename="../../ui/tasks.py" line="179" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="180" />
        <source>请稍候</source>
        <translation>Please wait</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="195" />
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="256" />
        <source>无法完成</source>
        <translation>Could not finish</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="262" />
        <source>“{0}”未能完成，数据没有被改动。程序可以继续使用。

原因：{1}

详细信息已写入日志：{2}
请把日志文件发给技术支持。</source>
        <translation>“{0}” did not finish; no data was changed. You can keep working.

Reason: {1}

Details are in the log: {2}
Please send the log file to support.</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="264" />
        <source>（未知）</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/tasks.py" line="266" />
        <source>程序内部错误</source>
        <translation>Internal error</translation>
    </message>
</context>
<context>
    <name>TemplateLibrary</name>
    <message>
        <location filename="../../ui/templates/library.py" line="51" />
        <source>导入自己的模板…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="53" />
        <source>选择一个 Word 文件（.docx），检查其中的占位符后加入模板库；同名模板成为新版本</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="67" />
        <source>读取模板库</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="75" />
        <source>第 {0} 版</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="76" />
        <source>{0} 个</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="100" />
        <source>使用的字段：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="105" />
        <source>选择 Word 模板</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="106" />
        <source>Word 文档 (*.docx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="109" />
        <source>模板名称</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="110" />
        <source>模板名称（与已有模板同名时成为新版本）：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="116" />
        <source>检查模板</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="122" />
        <source>模板 {0} 未通过检查，没有加入模板库：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="126" />
        <source>模板 {0} 检查通过，使用 {1} 个字段：
{2}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="127" />
        <source>（无）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="129" />
        <source>提醒：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="130" />
        <source>加入模板库，名称为“{0}”？</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/templates/library.py" line="131" />
        <location filename="../../ui/templates/library.py" line="136" />
        <source>导入模板</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <location filename="../../ui/pages/templates_page.py" line="27" />
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/templates_page.py" line="31" />
        <source>选择模板和项目，先看将填入的内容，再生成可在 Word/WPS 中编辑、打印的文书。</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TotalsModel</name>
    <message>
        <location filename="../../ui/ledger/model.py" line="223" />
        <source>合计（{0} 个项目）</source>
        <translation>Total ({0} projects)</translation>
    </message>
</context>
<context>
    <name>UserGuideDialog</name>
    <message>
        <location filename="../../ui/help.py" line="28" />
        <source>TownDesk 用户手册</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/help.py" line="38" />
        <source>找不到用户手册文件：</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/help.py" line="38" />
        <source>。请重新安装 TownDesk。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/help.py" line="40" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>WallChartView</name>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="29" />
        <source>A3 横向</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="30" />
        <source>A4 拼贴（两张一页）</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="35" />
        <source>生成并显示</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="38" />
        <source>保存 PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="40" />
        <source>打印…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="42" />
        <source>上一页</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="42" />
        <source>下一页</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="46" />
        <source>打印挂图作战图</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="49" />
        <source>选择年度后点“生成并显示”。挂图作战图按 A3 横向打印，也可用两张 A4 拼贴。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="59" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="59" />
        <source>乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="59" />
        <source>统计日</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="60" />
        <source>纸张</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="80" />
        <source>全部乡镇</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="90" />
        <source>绘制挂图作战图</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="95" />
        <source>{0}：{1} 个项目，{2} 页（{3}），统计日 {4}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="103" />
        <source>本机缺少 PDF 显示组件，请点“保存 PDF…”后用 PDF 阅读器查看。</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="125" />
        <source>保存挂图作战图</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/reports/wallchart_view.py" line="129" />
        <source>已保存：{0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="62" />
        <source>退出</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>login</name>
    <message>
        <location filename="../../ui/login_dialog.py" line="163" />
        <source>每日自动备份</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../ui/checklists/preview.py" line="96" />
        <source>保存为 PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/checklists/preview.py" line="122" />
        <source>正在生成打印文件</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/checklists/preview.py" line="123" />
        <source>打印预览 — {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../ui/checklists/preview.py" line="129" />
        <source>正在生成 PDF</source>
        <translation type="unfinished" />
    </message>
</context>
<context><name>LedgerColumns</name><message><source>项目编号</source><translation>Code</translation></message><message><source>项目名称</source><translation>Name</translation></message><message><source>年度</source><translation>Year</translation></message><message><source>层级</source><translation>Level</translation></message><message><source>资金来源</source><translation>Funding</translation></message><message><source>类别</source><translation>Category</translation></message><message><source>乡镇</source><translation>Township</translation></message><message><source>实施村</source><translation>Village</translation></message><message><source>实施单位</source><translation>Unit</translation></message><message><source>责任人</source><translation>Responsible</translation></message><message><source>支援方</source><translation>Supporter</translation></message><message><source>阶段</source><translation>Stage</translation></message><message><source>风险</source><translation>Risk</translation></message><message><source>计划投资(万元)</source><translation>Planned (10k yuan)</translation></message><message><source>已拨付(万元)</source><translation>Disbursed (10k yuan)</translation></message><message><source>已支出(万元)</source><translation>Spent (10k yuan)</translation></message><message><source>支出进度</source><translation>Spending</translation></message><message><source>工程进度</source><translation>Works</translation></message><message><source>受益户</source><translation>Households</translation></message><message><source>受益人数</source><translation>People</translation></message><message><source>建档立卡户</source><translation>Registered poor</translation></message><message><source>缺资料</source><translation>Docs missing</translation></message></context><context><name>BasicForm</name><message><source>项目概况</source><translation>Project</translation></message><message><source>地点与责任</source><translation>Place and responsibility</translation></message><message><source>进度</source><translation>Progress</translation></message><message><source>带贫益贫</source><translation>Benefit to the poor</translation></message><message><source>风险与管理</source><translation>Risk and management</translation></message></context></TS>