import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0002_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Redacteur',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('regios', models.ManyToManyField(blank=True, help_text="De regio's waarin deze regionale redacteur organisaties en contactpersonen mag bekijken en wijzigen.", related_name='redacteuren', to='partners.veiligthuisregio', verbose_name="Veilig Thuis-regio's")),
                ('user', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='redacteur', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
            ],
            options={
                'verbose_name': 'regionale redacteur',
                'verbose_name_plural': 'regionale redacteuren',
                'ordering': ['user__username'],
            },
        ),
    ]
